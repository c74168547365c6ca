package io.ratchet.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import io.ratchet.data.DatasetConfig;

/**
 * Writes an imported ONNX model's files: the copy of the ONNX file, the model file and
 * its regression cases are made in a folder beside the models folder and checked there
 * (the model file read back, bound to the graph, the cases scored), then moved in, the
 * model file last; on any error nothing stays under the models folder.
 */
final class OnnxImportFiles {

	private OnnxImportFiles() {
	}

	/**
	 * Makes and checks the files aside, then moves them in (the model file last); on an
	 * error, removes what it moved.
	 * @param source the ONNX file the user gave, named in errors about the files made
	 * aside
	 */
	static OnnxImport.Imported write(Path source, byte[] bytes, String json, DatasetConfig dataset, Path modelsDir,
			Path modelFile, Path onnxFile) {
		Path aside = null;
		List<Path> moved = new ArrayList<>();
		try {
			Files.createDirectories(modelsDir);
			aside = Files.createTempDirectory(modelsDir.toAbsolutePath().getParent(), ".import-");
			Path asideOnnx = Files.write(aside.resolve(onnxFile.getFileName()), bytes);
			Path asideModel = Files.writeString(aside.resolve(modelFile.getFileName()), json);
			ModelVersion checked = ModelFiles.load(asideModel);
			Path asideCases;
			try {
				checked.bind(dataset).close();
				asideCases = ModelCases.write(checked, dataset, true);
			}
			catch (ModelFileException ex) {
				// about the files made aside: name the file the user gave
				throw new ModelFileException(source, 0, ex.reason(), ex);
			}
			Path cases = modelsDir.resolve(asideCases.getFileName());
			for (Path[] move : List.of(new Path[] { asideCases, cases }, new Path[] { asideOnnx, onnxFile },
					new Path[] { asideModel, modelFile })) {
				Files.move(move[0], move[1], StandardCopyOption.ATOMIC_MOVE);
				moved.add(move[1]);
			}
			ModelVersion version = checked.at(modelFile);
			return new OnnxImport.Imported(version, modelFile, onnxFile, cases);
		}
		catch (IOException | RuntimeException ex) {
			for (Path file : moved) {
				try {
					Files.deleteIfExists(file);
				}
				catch (IOException ignored) {
					// best effort: the error below is what matters
				}
			}
			if (ex instanceof IOException io) {
				throw new UncheckedIOException("cannot write the imported model under " + modelsDir + ": " + io, io);
			}
			throw (RuntimeException) ex;
		}
		finally {
			deleteAside(aside);
		}
	}

	private static void deleteAside(Path aside) {
		if (aside == null) {
			return;
		}
		try (var files = Files.list(aside)) {
			for (Path file : files.toList()) {
				Files.deleteIfExists(file);
			}
			Files.deleteIfExists(aside);
		}
		catch (IOException ex) {
			// a leftover folder starting with '.' beside the models folder: harmless
		}
	}

}
