package hu.miskolc.fourim.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Checks the Hungarian (and any further) translations of the Camunda webapps served as webapp
 * customisation from {@code src/main/resources/META-INF/resources/webjars/camunda/app/<app>/}.
 *
 * <p>The reference is Camunda's own {@code en.json} inside the {@code camunda-webapp-webjar} jar
 * on the classpath, so a Camunda upgrade that adds labels makes this test list them. Our own
 * resources share the path prefix with the webjar, so every resource is looked up with
 * {@link ClassLoader#getResources(String)} and picked by where it comes from.
 *
 * <p>Every locale listed in an app's {@code scripts/config.js} {@code availableLocales} (other than
 * {@code en}, which Camunda ships) is checked, so adding Slovak ('sk') to the config is enough to
 * have its {@code sk.json} files checked as well.
 */
class WebappLocaleCompletenessTest {

  private static final List<String> APPS = List.of("welcome", "tasklist", "admin", "cockpit");
  private static final String APP_BASE = "META-INF/resources/webjars/camunda/app/";
  private static final String WEBJAR_MARKER = "camunda-webapp-webjar";

  /** {{ placeholder }} / Angular expression; compared with surrounding blanks trimmed. */
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*(.*?)\\s*}}");

  /** Real HTML markup in a label (not texts like "<null>" or "<Operation>"). */
  private static final Pattern HTML_TAG =
      Pattern.compile(
          "</?(a|b|br|code|div|em|i|li|p|span|strong|ul)(?=[\\s/>])", Pattern.CASE_INSENSITIVE);

  /** An uncommented {@code availableLocales: [...]} entry of config.js. */
  private static final Pattern AVAILABLE_LOCALES =
      Pattern.compile("(?m)^\\s*['\"]?availableLocales['\"]?\\s*:\\s*\\[([^\\]]*)]");

  private static final Pattern FALLBACK_LOCALE =
      Pattern.compile("(?m)^\\s*['\"]?fallbackLocale['\"]?\\s*:\\s*['\"]([^'\"]+)['\"]");

  private static final Pattern QUOTED = Pattern.compile("['\"]([^'\"]+)['\"]");

  /**
   * A few labels hold only the English plural ending "s" glued to a noun ("instance" + "s").
   * Hungarian does not inflect a noun after a numeral ("5 példány"), so these may be empty; every
   * other value must not be blank.
   */
  private static final String ENGLISH_PLURAL_SUFFIX = "s";

  private static final ObjectMapper JSON = new ObjectMapper();

  @TestFactory
  Stream<DynamicTest> everyConfigJsListsHungarianFirst() {
    return APPS.stream()
        .map(app -> dynamicTest(app + "/scripts/config.js", () -> {
          String config = ourConfig(app);
          List<String> locales = availableLocales(app, config);
          assertTrue(locales.contains("hu"),
              app + "/scripts/config.js: availableLocales " + locales + " does not list 'hu'");
          assertEquals("hu", locales.get(0),
              app + "/scripts/config.js: 'hu' must be the first of availableLocales " + locales);
          assertTrue(locales.contains("en"),
              app + "/scripts/config.js: availableLocales " + locales + " must keep 'en'");
          Matcher fallback = FALLBACK_LOCALE.matcher(config);
          assertTrue(fallback.find(), app + "/scripts/config.js: no fallbackLocale configured");
          assertTrue(locales.contains(fallback.group(1)),
              app + "/scripts/config.js: fallbackLocale '" + fallback.group(1)
                  + "' is not one of availableLocales " + locales);
        }));
  }

  @TestFactory
  Stream<DynamicTest> everyConfiguredLocaleIsCompleteAgainstCamundasEnglish() {
    List<DynamicTest> tests = new ArrayList<>();
    for (String app : APPS) {
      List<String> locales = new ArrayList<>(availableLocales(app, ourConfig(app)));
      if (!locales.contains("hu")) {
        locales.add("hu"); // always check hu, even if someone drops it from the config
      }
      for (String locale : locales) {
        if (!"en".equals(locale)) {
          tests.add(dynamicTest(app + "/locales/" + locale + ".json",
              () -> assertComplete(app, locale)));
        }
      }
    }
    return tests.stream();
  }

  private static void assertComplete(String app, String locale) {
    String enPath = APP_BASE + app + "/locales/en.json";
    String ourPath = APP_BASE + app + "/locales/" + locale + ".json";
    Map<String, String> en =
        flatten(readJson(resource(enPath, WebappLocaleCompletenessTest::isWebjar, "Camunda's webjar")));
    Map<String, String> ours =
        flatten(readJson(resource(ourPath, url -> !isWebjar(url), "our resources")));
    assertFalse(en.isEmpty(), enPath + " is empty");

    List<String> missing = new ArrayList<>();
    List<String> empty = new ArrayList<>();
    List<String> placeholders = new ArrayList<>();
    List<String> markup = new ArrayList<>();
    for (Map.Entry<String, String> entry : en.entrySet()) {
      String key = entry.getKey();
      String english = entry.getValue();
      String translated = ours.get(key);
      if (translated == null) {
        missing.add(key);
        continue;
      }
      if (translated.isBlank() && !ENGLISH_PLURAL_SUFFIX.equals(english)) {
        empty.add(key);
      }
      List<String> enPlaceholders = matches(PLACEHOLDER, english);
      List<String> ourPlaceholders = matches(PLACEHOLDER, translated);
      if (!enPlaceholders.equals(ourPlaceholders)) {
        placeholders.add(key + ": en " + enPlaceholders + " vs " + locale + " " + ourPlaceholders);
      }
      List<String> enTags = matches(HTML_TAG, english);
      List<String> ourTags = matches(HTML_TAG, translated);
      if (!enTags.equals(ourTags)) {
        markup.add(key + ": en " + enTags + " vs " + locale + " " + ourTags);
      }
    }

    StringBuilder problems = new StringBuilder();
    report(problems, missing, "key(s) of Camunda's en.json missing");
    report(problems, empty, "empty value(s)");
    report(problems, placeholders, "value(s) whose {{placeholders}} differ from en.json");
    report(problems, markup, "value(s) whose HTML tags differ from en.json");
    if (problems.length() > 0) {
      fail(app + "/locales/" + locale + ".json (" + ours.size() + " keys, en.json has " + en.size()
          + "):" + problems);
    }
  }

  private static void report(StringBuilder out, List<String> items, String what) {
    if (!items.isEmpty()) {
      out.append("\n  ").append(items.size()).append(' ').append(what).append(':');
      items.forEach(item -> out.append("\n    ").append(item));
    }
  }

  private static List<String> matches(Pattern pattern, String text) {
    List<String> found = new ArrayList<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      found.add(m.group(1));
    }
    Collections.sort(found); // word order differs between languages
    return found;
  }

  /** Dotted key paths to leaf values; array elements as {@code key[i]}. */
  static Map<String, String> flatten(JsonNode root) {
    Map<String, String> flat = new LinkedHashMap<>();
    flatten("", root, flat);
    return flat;
  }

  private static void flatten(String path, JsonNode node, Map<String, String> flat) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        flatten(path.isEmpty() ? field.getKey() : path + "." + field.getKey(), field.getValue(), flat);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        flatten(path + "[" + i + "]", node.get(i), flat);
      }
    } else {
      flat.put(path, node.isNull() ? "" : node.asText());
    }
  }

  private static List<String> availableLocales(String app, String config) {
    Matcher m = AVAILABLE_LOCALES.matcher(config);
    assertTrue(m.find(), app + "/scripts/config.js: no (uncommented) availableLocales entry");
    List<String> locales = new ArrayList<>();
    Matcher quoted = QUOTED.matcher(m.group(1));
    while (quoted.find()) {
      locales.add(quoted.group(1));
    }
    assertFalse(locales.isEmpty(), app + "/scripts/config.js: availableLocales is empty");
    return locales;
  }

  private static String ourConfig(String app) {
    URL url = resource(APP_BASE + app + "/scripts/config.js", u -> !isWebjar(u), "our resources");
    try (InputStream in = url.openStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + url, e);
    }
  }

  private static JsonNode readJson(URL url) {
    // Jackson detects and skips the UTF-8 byte order mark that Camunda's en.json files start with.
    try (InputStream in = url.openStream()) {
      JsonNode node = JSON.readTree(in);
      assertNotNull(node, url + " is empty");
      assertTrue(node.isObject(), url + " is not a JSON object");
      return node;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or parse " + url, e);
    }
  }

  private static boolean isWebjar(URL url) {
    return url.toString().contains(WEBJAR_MARKER);
  }

  private static URL resource(String path, Predicate<URL> from, String where) {
    List<URL> all = new ArrayList<>();
    try {
      all.addAll(Collections.list(
          WebappLocaleCompletenessTest.class.getClassLoader().getResources(path)));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list classpath resources " + path, e);
    }
    return all.stream()
        .filter(from)
        .findFirst()
        .orElseThrow(() -> new AssertionError(
            "No " + path + " from " + where + " on the classpath (found: " + all + ")"));
  }
}
