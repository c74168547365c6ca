package io.ratchet.api;

import java.util.List;

/**
 * A dataset's entry in the registry ({@code config/registry.yml}).
 *
 * @param champion {@code name@version}, or {@code null} when none is registered
 * @param candidates the candidates' keys
 */
public record RegistryView(String dataset, String champion, List<String> candidates) {

}
