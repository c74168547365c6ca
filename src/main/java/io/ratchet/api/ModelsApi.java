package io.ratchet.api;

import java.util.Comparator;
import java.util.List;

import io.ratchet.model.ModelRegistry;
import io.ratchet.model.ModelVersion;
import io.ratchet.promotion.ChampionHistory;
import io.ratchet.system.SafeNames;
import io.ratchet.system.UnsafeNameException;
import io.ratchet.workspace.Workspace;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The model versions ({@code config/models/}), the registry ({@code config/registry.yml}:
 * the champion and candidates per dataset) and each dataset's champion history (as
 * {@code jobs/history} shows it).
 */
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@RestController
class ModelsApi {

	private final Workspace workspace;

	private final ChampionHistory history;

	ModelsApi(Workspace workspace, ChampionHistory history) {
		this.workspace = workspace;
		this.history = history;
	}

	/** Every model version, of one dataset when given, with its registry role. */
	@GetMapping(path = "/api/models", produces = "application/json")
	List<ModelView> models(@RequestParam(required = false) String dataset) {
		ModelRegistry registry = this.workspace.registry();
		return this.workspace.models()
			.all()
			.stream()
			.filter((model) -> dataset == null || dataset.equals(model.dataset()))
			.sorted(Comparator.comparing(ModelVersion::dataset).thenComparing(ModelVersion::key))
			.map((model) -> new ModelView(model.key(), model.name(), model.version(), model.dataset(),
					model.task().key(), model.kind(), model.sha256(), registry.role(model.dataset(), model.key())))
			.toList();
	}

	/** The champion and candidates of every dataset in the registry. */
	@GetMapping(path = "/api/registry", produces = "application/json")
	List<RegistryView> registry() {
		ModelRegistry registry = this.workspace.registry();
		return registry.datasets()
			.stream()
			.sorted()
			.map((dataset) -> new RegistryView(dataset, registry.champion(dataset).orElse(null),
					registry.candidates(dataset)))
			.toList();
	}

	/** One dataset's champion now, its promotions, rollbacks and ratchets, and spells. */
	@GetMapping(path = "/api/registry/{dataset}/history", produces = "application/json")
	HistoryView history(@PathVariable String dataset) {
		try {
			SafeNames.require("dataset", dataset);
		}
		catch (UnsafeNameException ex) {
			throw new ApiException(HttpStatus.BAD_REQUEST, "dataset", ex.getMessage());
		}
		return new HistoryView(dataset, this.history.currentChampion(dataset).orElse(null),
				this.history.events(dataset), this.history.championSpells(dataset));
	}

}
