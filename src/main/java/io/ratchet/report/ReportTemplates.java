package io.ratchet.report;

import java.util.Locale;
import java.util.Map;

import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders the Thymeleaf templates under {@code templates/report/} (a plain
 * {@link TemplateEngine}: no web stack). Pages, the runs index and the alert e-mail share
 * the fragments of {@code report/fragments.html}, whose styles are inline so that mail
 * clients keep them. Every value is escaped by the templates ({@code th:text}).
 */
public final class ReportTemplates {

	private static final TemplateEngine ENGINE = engine();

	private ReportTemplates() {
	}

	/**
	 * Renders {@code templates/report/<name>.html}.
	 * @param name e.g. {@code run}, {@code index}, {@code alert-email}
	 * @param variables the template's variables
	 */
	public static String render(String name, Map<String, Object> variables) {
		return process("report/" + name, variables);
	}

	/**
	 * Renders {@code templates/<template>.html} with the same engine, e.g. the console's
	 * {@code console/runs}, which include the report's fragments.
	 */
	public static String process(String template, Map<String, Object> variables) {
		return ENGINE.process(template, new Context(Locale.ROOT, variables));
	}

	private static TemplateEngine engine() {
		ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(ReportTemplates.class.getClassLoader());
		resolver.setPrefix("templates/");
		resolver.setSuffix(".html");
		resolver.setTemplateMode(TemplateMode.HTML);
		resolver.setCharacterEncoding("UTF-8");
		resolver.setCacheable(true);
		TemplateEngine engine = new TemplateEngine();
		engine.setTemplateResolver(resolver);
		return engine;
	}

}
