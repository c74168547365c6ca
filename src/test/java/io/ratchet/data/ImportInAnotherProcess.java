package io.ratchet.data;

import java.nio.file.Path;

/**
 * {@code java io.ratchet.data.ImportInAnotherProcess <datasetDir> <source> [idColumn]}:
 * imports a file into the test churn dataset (with the id column, if given) from a
 * process of its own, for {@link ImportLockTests} and {@link ImportMemoryTests}; prints
 * the counts.
 */
public final class ImportInAnotherProcess {

	private ImportInAnotherProcess() {
	}

	public static void main(String[] args) {
		DatasetConfig dataset = (args.length > 2) ? TestDatasets.churn(args[2]) : TestDatasets.churn();
		ImportResult result = new DatasetImporter(dataset, Path.of(args[0])).importFile(Path.of(args[1]));
		System.out.println("imported " + result.accepted() + " rows, " + result.duplicates() + " matched");
	}

}
