package io.ratchet.promotion;

import java.nio.file.Path;

import io.ratchet.model.RegistryWriter;
import io.ratchet.workspace.Workspace;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rolls back the latest promotion of a dataset not yet undone: the previous champion is
 * restored in {@code registry.yml} (put back as it was when recording fails) and the
 * rollback is recorded. Requirements are not loosened. {@code jobs/rollback} uses it.
 */
@Service
public class Rollback {

	private final PromotionLookup lookup;

	private final Workspace workspace;

	private final PromotionStore store;

	private final TransactionTemplate transaction;

	Rollback(PromotionLookup lookup, Workspace workspace, PromotionStore store, TransactionTemplate transaction) {
		this.lookup = lookup;
		this.workspace = workspace;
		this.store = store;
		this.transaction = transaction;
	}

	/**
	 * Restores the champion before the latest promotion of the dataset, and records it.
	 * Requirements are not loosened.
	 * @throws PromotionException when the dataset has no promotion to undo
	 */
	public RollbackOutcome rollback(String dataset, String actor, String reason) {
		this.lookup.dataset(dataset);
		if (actor == null || actor.isBlank()) {
			throw new PromotionException("a rollback needs an actor (--by NAME)");
		}
		PromotionEvent last = this.store.lastPromotionNotUndone(dataset)
			.orElseThrow(() -> new PromotionException(
					"dataset \"" + dataset + "\" has no recorded promotion to roll back; nothing was changed"));
		String current = this.workspace.registry().champion(dataset).orElse(null);
		if (!last.modelKey().equals(current)) {
			throw new PromotionException("the champion of \"" + dataset + "\" is " + current + ", not "
					+ last.modelKey() + " which promotion event " + last.id() + " made champion; the registry was"
					+ " changed by hand, so nothing was changed");
		}
		if (last.previousChampion() == null) {
			throw new PromotionException("promotion event " + last.id() + " had no previous champion to restore");
		}
		this.lookup.version(dataset, last.previousChampion());
		Path registryFile = this.lookup.registryFile();
		return ConfigBackup.of(registryFile).restoringOnFailure(() -> {
			RegistryWriter.promote(registryFile, dataset, last.previousChampion());
			long id = this.transaction.execute((status) -> this.store
				.record(EventKind.ROLLBACK, dataset, last.previousChampion(), current, actor, reason,
						last.evidenceRunIds(), "rolls back promotion event " + last.id() + " (" + last.kind() + " of "
								+ last.modelKey() + " on " + last.at() + "); requirements were not loosened",
						last.id()));
			return new RollbackOutcome(id, last.previousChampion(), current, last.id());
		});
	}

}
