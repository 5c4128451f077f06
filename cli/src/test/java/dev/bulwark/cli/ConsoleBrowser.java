package dev.bulwark.cli;

import dev.bulwark.core.testing.Patience;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium, driven by Selenium through Debian's chromedriver, on the console: it finds things as
 * a user does, by their visible or accessible names, and keeps screenshots.
 */
final class ConsoleBrowser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final ChromeDriver driver;
    private final String base;
    private final Path screenshots;
    private final WebDriverWait wait;

    private ConsoleBrowser(ChromeDriver driver, String base, Path screenshots) {
        this.driver = driver;
        this.base = base;
        this.screenshots = screenshots;
        this.wait = new WebDriverWait(driver, Patience.HANG);
    }

    static ConsoleBrowser open(String base, Path profile, Path screenshots) throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // the manager's certificate is issued by the controller's own CA, which Chromium does not know
        options.setAcceptInsecureCerts(true);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--force-device-scale-factor=1", "--window-size=1280,800",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        Files.createDirectories(screenshots);
        return new ConsoleBrowser(new ChromeDriver(service, options), base, screenshots);
    }

    /** Opens a route of the console (#/path) and waits until its page has loaded what it shows first. */
    void go(String route) {
        String url = base + "#" + route;
        if (url.equals(driver.getCurrentUrl())) {
            driver.navigate().refresh(); // the same address again would not reload the page
        } else {
            driver.get(url);
        }
        settle();
    }

    void home() {
        driver.get(base);
    }

    /** Waits until no loading state is shown. */
    void settle() {
        wait.until(d -> d.findElements(By.cssSelector(".state.loading, [aria-busy='true']")).isEmpty());
    }

    void size(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** The input, select or text area a label or an aria-label names. */
    WebElement field(String label) {
        return wait.until(d -> d.findElements(By.xpath(("//label[normalize-space(text())='%1$s' or normalize-space(.)='%1$s']"
                + "//*[self::input or self::select or self::textarea] | //*[(self::input or self::select or"
                + " self::textarea) and @aria-label='%1$s']").formatted(label))).stream().filter(WebElement::isDisplayed)
                .findFirst().orElse(null));
    }

    void fill(String label, String value) {
        WebElement f = field(label);
        f.clear();
        f.sendKeys(value);
    }

    /** Clicks the button (or link, tab) whose text or accessible name is {@code name}. */
    void click(String name) {
        clickCentred(wait.until(d -> clickable(name)));
    }

    /** Clicks an element scrolled to the middle of the window, where the sticky top bar cannot cover it. */
    private void clickCentred(WebElement e) {
        script("arguments[0].scrollIntoView({block: 'center'})", e);
        e.click();
    }

    private WebElement clickable(String name) {
        List<WebElement> found = driver.findElements(By.xpath(("//*[(self::button or self::a or @role='tab' or"
                + " @role='button') and (normalize-space(.)='%1$s' or @aria-label='%1$s' or @title='%1$s')]")
                .formatted(name)));
        return found.stream().filter(e -> e.isDisplayed() && e.isEnabled()).findFirst().orElse(null);
    }

    /** Opens the first table row with a cell that reads {@code text}. */
    void clickRow(String text) {
        clickCentred(find(By.xpath("//tbody/tr[td[normalize-space(.)='%s']]".formatted(text))));
    }

    /** Waits until the page shows {@code text} (as a user reads it: in the visible text). */
    void awaitText(String text) {
        new WebDriverWait(driver, Patience.HANG).withMessage(() -> "the page never showed '" + text + "'; it shows:\n"
                + text()).until(d -> text().contains(text));
    }

    /** Reloads the route until it shows {@code text}: for data that arrives from elsewhere (an enforcer, a scan). */
    void awaitTextReloading(String route, String text) throws InterruptedException {
        Patience.await(() -> {
            go(route);
            return text().contains(text);
        }, () -> "#" + route + " never showed '" + text + "'; it shows:\n" + text());
    }

    String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    WebElement find(By by) {
        return wait.until(d -> d.findElements(by).stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
    }

    /** Writes a PNG of the window as {@code name}.png. */
    Path screenshot(String name) throws IOException {
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Path to = screenshots.resolve(name + ".png");
        Files.copy(shot.toPath(), to, StandardCopyOption.REPLACE_EXISTING);
        return to;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
