package dev.bulwark.bench;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One first load of the console in a new chromium profile, and a login to the dashboard. A script that runs before
 * the page's own (CDP {@code Page.addScriptToEvaluateOnNewDocument}) takes the times in the page, so that
 * chromedriver's polling adds nothing to them: {@code performance.now()} when the login form's "User name" input
 * exists, when the Log in button is clicked, and when the dashboard's panels are all there and none is loading (no
 * {@code .state.loading}, no {@code [aria-busy=true]}), each taken in the mutation observer's callback, in the task
 * that changed the page.
 *
 * @param loginShownMs from the navigation's start to the login form
 * @param loadEventEndMs Navigation Timing's {@code loadEventEnd}
 * @param dashboardMs from the click on Log in to the dashboard with all its panels loaded
 * @param loginCallMs from the click to the end of the answer to {@code POST /v1/auth} (Resource Timing), the part of
 *     {@code dashboardMs} the controller's password check (Argon2id) takes
 * @param loadCpuMs the CPU time chromium spent from the navigation's start to the login form shown (all its
 *     processes), which a loaded machine does not inflate as it does wall times
 * @param loginCpuMs the CPU time chromium spent from the login form shown to the dashboard shown (typing included)
 * @param panels the dashboard's panels then, and {@code failedPanels} of them showing an error
 * @param resources the navigation (index.html) and every resource loaded until the dashboard was shown, but the
 *     API's ({@code /v1/...})
 */
record ColdLoad(double loginShownMs, double loadEventEndMs, double dashboardMs, double loginCallMs, double loadCpuMs,
        double loginCpuMs, int panels, int failedPanels, List<Resource> resources) {

    /** A file of the page as Resource Timing tells it, in bytes. */
    record Resource(URI url, long transferSize, long encodedBodySize, long decodedBodySize) {}

    private static final Duration PATIENCE = Duration.ofMinutes(2);

    private static final String PROBE = """
            (() => {
              const marks = window.__bulwarkLoad = {};
              const loginShown = () => [...document.querySelectorAll('label')]
                .some((l) => l.textContent.trim().startsWith('User name') && l.querySelector('input'));
              const dashboardShown = () => document.querySelector('.dash-grid .dash-panel')
                && !document.querySelector('.state.loading, [aria-busy=true]');
              const look = () => {
                if (marks.loginShown === undefined && loginShown()) marks.loginShown = performance.now();
                if (marks.clicked !== undefined && marks.dashboardShown === undefined && dashboardShown()) {
                  marks.dashboardShown = performance.now();
                  marks.panels = document.querySelectorAll('.dash-panel').length;
                  marks.failedPanels = document.querySelectorAll('.dash-panel .state.error').length;
                }
              };
              new MutationObserver(look).observe(document, { childList: true, subtree: true, attributes: true,
                attributeFilter: ['aria-busy', 'class'] });
              document.addEventListener('click', (e) => {
                if (marks.clicked === undefined && e.target.closest && e.target.closest('button[type=submit]')) {
                  marks.clicked = performance.now();
                }
              }, true);
            })();
            """;

    private static final String RESOURCES = """
            const shown = window.__bulwarkLoad.dashboardShown;
            const entry = (e) => ({ url: e.name, transferSize: e.transferSize, encodedBodySize: e.encodedBodySize,
              decodedBodySize: e.decodedBodySize });
            return [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')
                .filter((e) => e.startTime <= shown && !new URL(e.name).pathname.startsWith('/v1/'))].map(entry);
            """;

    private static final String LOGIN_CALL_END = """
            return performance.getEntriesByType('resource').filter((e) => new URL(e.name).pathname === '/v1/auth'
                && e.startTime >= window.__bulwarkLoad.clicked).map((e) => e.responseEnd)[0];
            """;

    /** Opens {@code console} in a new chromium (with {@code arguments}) and logs in as admin with {@code password}. */
    static ColdLoad measure(URI console, String password, String... arguments) throws IOException {
        try (HeadlessChromium chromium = HeadlessChromium.start(arguments)) {
            ChromeDriver driver = chromium.driver();
            driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", PROBE));
            long start = chromium.cpuNanos();
            driver.get(console.toString());
            double loginShown = waitFor(driver, "loginShown");
            long formShown = chromium.cpuNanos();
            double loadEventEnd = number(driver.executeScript(
                    "return performance.getEntriesByType('navigation')[0].loadEventEnd"));
            driver.findElement(By.name("username")).sendKeys("admin");
            driver.findElement(By.name("password")).sendKeys(password);
            driver.findElement(By.cssSelector("button[type=submit]")).click();
            double shown = waitFor(driver, "dashboardShown");
            long dashboardShown = chromium.cpuNanos();
            double clicked = number(driver.executeScript("return window.__bulwarkLoad.clicked"));
            double loginCallEnd = number(driver.executeScript(LOGIN_CALL_END));
            Map<?, ?> marks = (Map<?, ?>) driver.executeScript("return window.__bulwarkLoad");
            List<Resource> resources = ((List<?>) driver.executeScript(RESOURCES)).stream().map(e -> (Map<?, ?>) e)
                    .map(e -> new Resource(URI.create((String) e.get("url")), whole(e.get("transferSize")),
                            whole(e.get("encodedBodySize")), whole(e.get("decodedBodySize")))).toList();
            return new ColdLoad(loginShown, loadEventEnd, shown - clicked, loginCallEnd - clicked,
                    (formShown - start) / 1e6, (dashboardShown - formShown) / 1e6, (int) whole(marks.get("panels")),
                    (int) whole(marks.get("failedPanels")), resources);
        }
    }

    /** The mark, once the page has taken it; what the page shows if it never does. */
    private static double waitFor(WebDriver driver, String mark) {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        try {
            return new WebDriverWait(driver, PATIENCE).until(d -> (Number) js.executeScript(
                    "return window.__bulwarkLoad && window.__bulwarkLoad[arguments[0]]", mark)).doubleValue();
        } catch (RuntimeException e) {
            throw new IllegalStateException("the console never reached " + mark + "; the page shows: "
                    + js.executeScript("return document.body ? document.body.innerText.slice(0, 500) : ''"), e);
        }
    }

    private static double number(Object value) {
        return ((Number) value).doubleValue();
    }

    private static long whole(Object value) {
        return value instanceof Number n ? n.longValue() : -1;
    }
}
