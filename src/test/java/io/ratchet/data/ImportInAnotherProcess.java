package io.ratchet.data;

import java.nio.file.Path;

/**
 * {@code java io.ratchet.data.ImportInAnotherProcess <datasetDir> <source>}: imports a
 * file into the test churn dataset from a process of its own, for
 * {@link ImportLockTests}; prints the counts.
 */
public final class ImportInAnotherProcess {

	private ImportInAnotherProcess() {
	}

	public static void main(String[] args) {
		ImportResult result = new DatasetImporter(TestDatasets.churn(), Path.of(args[0])).importFile(Path.of(args[1]));
		System.out.println("imported " + result.accepted() + " rows");
	}

}
