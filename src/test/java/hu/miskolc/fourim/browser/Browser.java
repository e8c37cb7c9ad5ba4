package hu.miskolc.fourim.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian chromium through Debian's chromedriver (both installed by .ci/run): no browser or driver is
 * downloaded by a test tool. Paths can be overridden with CHROME_BIN / CHROMEDRIVER.
 */
public final class Browser implements AutoCloseable {

    private final WebDriver driver;
    private final WebDriverWait wait;

    public Browser(String language) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(env("CHROME_BIN", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1400,1000", "--lang=" + language);
        options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", language));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new java.io.File(env("CHROMEDRIVER", "/usr/bin/chromedriver")))
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    public WebDriver driver() {
        return driver;
    }

    public void open(String url) {
        driver.get(url);
    }

    public WebElement await(By by) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    public void awaitText(String text) {
        wait.until(d -> d.findElement(By.tagName("body")).getText().contains(text));
    }

    public String pageText() {
        return driver.findElement(By.tagName("body")).getText();
    }

    /** Logs in on a Camunda webapp login page. */
    public void login(String user, String password) {
        await(By.cssSelector("input[type=text]")).sendKeys(user);
        driver.findElement(By.cssSelector("input[type=password]")).sendKeys(password);
        driver.findElement(By.cssSelector("button[type=submit]")).click();
    }

    /** The form-js field container of the field with this label (labels of required fields end with *). */
    public WebElement field(String label) {
        return await(By.xpath("//label[starts-with(normalize-space(.), " + literal(label) + ")]"
                + "/ancestor::div[contains(@class,'fjs-form-field')][1]"));
    }

    public void type(String label, String text) {
        WebElement input = field(label).findElement(By.cssSelector("input, textarea"));
        input.clear();
        input.sendKeys(text);
    }

    /**
     * Types into a field and leaves it with Tab: form-js debounces text input and takes it over on blur, so the last
     * field typed before Complete would otherwise be lost; then waits out the debounce (300 ms) for good measure.
     * (Tab focuses the next field: not before a select.)
     */
    public void typeAndLeave(String label, String text) {
        type(label, text);
        field(label).findElement(By.cssSelector("input, textarea")).sendKeys(org.openqa.selenium.Keys.TAB);
        try {
            Thread.sleep(600);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Types a date into a form-js date picker, in the picker's own format (month/day/year, as it shows dates). */
    public void typeDate(String label, java.time.LocalDate date) {
        typeAndLeave(label, date.getMonthValue() + "/" + date.getDayOfMonth() + "/" + date.getYear());
    }

    public void choose(String label, String option) {
        click(field(label).findElement(By.cssSelector(".fjs-input-group")));
        click(await(By.xpath("//*[contains(@class,'fjs-dropdownlist-item') and normalize-space(.)="
                + literal(option) + "]")));
    }

    /** Ticks the n-th (from 0) option of a checklist. */
    public void tickOption(String label, int index) {
        click(field(label).findElements(By.cssSelector("input[type=checkbox]")).get(index));
    }

    /** Chooses the first option of a select. */
    public void chooseFirst(String label) {
        click(field(label).findElement(By.cssSelector(".fjs-input-group")));
        click(await(By.cssSelector(".fjs-dropdownlist-item")));
    }

    public void logout(String baseUrl) {
        driver.manage().deleteAllCookies();
        open(baseUrl);
    }

    public void tick(String label) {
        click(field(label).findElement(By.cssSelector("input[type=checkbox]")));
    }

    public void pick(String optionLabel) {
        click(await(By.xpath("//label[normalize-space(.)=" + literal(optionLabel) + "]")));
    }

    public void clickButton(String text) {
        click(await(By.xpath("//button[normalize-space(.)=" + literal(text) + "] | //a[normalize-space(.)="
                + literal(text) + "]")));
    }

    /**
     * Scrolls the element to the middle of the window first: Tasklist's fixed footer covers the bottom. While
     * something else is still over it (a notification that has not faded yet), waits and tries again, as a person
     * would.
     */
    public void click(WebElement element) {
        ((org.openqa.selenium.JavascriptExecutor) driver)
                .executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
        wait.until(ExpectedConditions.elementToBeClickable(element));
        wait.until(d -> {
            try {
                element.click();
                return true;
            } catch (org.openqa.selenium.ElementClickInterceptedException covered) {
                return false;
            }
        });
    }

    /** The form-js validation messages shown now, with their field labels (empty when the form is valid). */
    public java.util.List<String> formErrors() {
        return driver.findElements(By.cssSelector(".fjs-form-field-error, .fjs-has-errors")).stream()
                .map(e -> {
                    WebElement field = e.findElement(By.xpath("ancestor-or-self::div[contains(@class,'fjs-form-field')][1]"));
                    return field.getText().replace('\n', ' ');
                }).toList();
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "") + "'";
    }

    public Path screenshot(String name) throws IOException {
        Path target = Path.of("target", "screenshots", name + ".png");
        Files.createDirectories(target.getParent());
        Files.write(target, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        return target;
    }

    @Override
    public void close() {
        driver.quit();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
