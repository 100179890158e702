package dev.switchboard.e2e;

import dev.switchboard.stack.ProjectLayout;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.stack.DemoWorld;
import dev.switchboard.testing.TestTokens;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The demo page (the gateway's {@code /}) as a person uses it, in Debian's headless Chromium against the whole suite
 * with its demo world: alice and bob sign in in two tabs, chat in their gig conversation, bob goes offline and
 * catches up, alice's WhatsApp photo (sent with the simulator) completes her task and its reply reaches delivered,
 * and a reload shows the same history. The page reads only the public APIs, across origins as a web app does.
 * {@code .ci/run} installs {@code chromium} and {@code chromium-driver}; the screenshot goes to
 * {@code tests/end-to-end/target/demo-page.png} (the README's picture is taken from it).
 */
class DemoPageInChromiumTest {

    private static final Duration PATIENCE = Duration.ofSeconds(40);
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private static Suite suite;
    private static WebDriver browser;
    private static Path profile;

    @BeforeAll
    static void startTheSuiteAndABrowser() throws IOException {
        assertTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Debian's chromium and chromium-driver are needed (apt-get install chromium chromium-driver;"
                        + " .ci/run installs them)");
        suite = Suite.start("demo-page");
        new DemoWorld(suite.url("conversation-manager"), TestTokens.SECRET).seed();
        profile = Files.createTempDirectory("chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // Without the background-networking flags Chromium keeps reaching for Google's hosts, which are not there.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,860", "--user-data-dir=" + profile);
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(driver, options);
    }

    @AfterAll
    static void stopEverything() throws IOException {
        try {
            if (browser != null) {
                browser.quit();
            }
        } finally {
            if (suite != null) {
                suite.close();
            }
            if (profile != null) {
                try (var files = Files.walk(profile)) {
                    files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
                }
            }
        }
    }

    @Test
    void alicesAndBobsTabsChatCatchUpAfterADropAndShowHerPhotoCompletingHerTask() throws Exception {
        String alice = browser.getWindowHandle();
        // A pasted token is checked by the APIs, not by the page: a forged one and the service role get in nowhere.
        refusedSignIn("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.forged");
        refusedSignIn(TestTokens.serviceRole());
        signIn("alice");
        openGigChat();

        browser.switchTo().newWindow(WindowType.TAB);
        String bob = browser.getWindowHandle();
        signIn("bob");
        openGigChat();
        // The access rule holds in the page too: bob has no WhatsApp exchange of alice's to pick.
        assertTrue(browser.findElements(By.cssSelector("#conversations li[data-kind=direct]")).isEmpty(),
                text("conversations"));

        browser.switchTo().window(alice);
        send("Hi Bob, the fence is done");
        String sid = messageAttribute("Hi Bob, the fence is done", "data-sid");
        assertTrue(messageAttribute("Hi Bob, the fence is done", "class").contains("mine"));

        browser.switchTo().window(bob);
        assertEquals(sid, messageAttribute("Hi Bob, the fence is done", "data-sid"));

        // Bob goes offline; what alice says meanwhile reaches him when he is back, counted by the stream.
        browser.findElement(By.id("drop")).click();
        await(ExpectedConditions.textToBe(By.id("connection-state"), "offline"));
        browser.switchTo().window(alice);
        send("Are you there?");
        awaitMessage("Are you there?");
        browser.switchTo().window(bob);
        browser.findElement(By.id("drop")).click();
        awaitMessage("Are you there?");
        await(ExpectedConditions.textMatches(By.id("resume-info"), Pattern.compile("resumed")));
        Matcher resumed = Pattern.compile("resumed: (\\d+) missed events? caught up").matcher(text("resume-info"));
        assertTrue(resumed.find() && Integer.parseInt(resumed.group(1)) >= 1, text("resume-info"));
        assertEquals(1, browser.findElements(By.xpath("//ul[@id='messages']/li[div[@class='body' and .='Are you"
                + " there?']]")).size(), text("messages"));

        // Alice's WhatsApp photo, from the simulator as Twilio would post it: her task completes on her stream.
        browser.switchTo().window(alice);
        simulate("whatsapp", "--from", DemoWorld.user("alice").orElseThrow().phone(), "--media", "1");
        await(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#activity li[data-type='task.completed']")));
        await(ExpectedConditions.textMatches(By.id("whoami"), Pattern.compile("· 10 points$")));
        await(ExpectedConditions.textToBe(By.id("tasks"), "none"));
        // Her WhatsApp exchange: the photo (shown from Switchboard's stored copy) and the reply, delivered.
        await(ExpectedConditions.elementToBeClickable(By.cssSelector("#conversations li[data-kind=direct]"))).click();
        await(ExpectedConditions.textMatches(By.id("thread-title"), Pattern.compile("^WhatsApp")));
        assertFalse(browser.findElement(By.id("composer")).isDisplayed(), "app users send only into gig chats");
        await(driver -> photoShown());
        await(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#messages .task-badge")));
        try {
            await(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#messages li.message:not(.mine) .status.delivered")));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("the reply's delivered status is not shown\n" + whatTheSuiteHas(), e);
        }
        screenshot();

        // A reload shows the same history, and the stream resumes where the page left it.
        List<String> before = messageSids();
        browser.navigate().refresh();
        await(ExpectedConditions.textMatches(By.id("thread-title"), Pattern.compile("^WhatsApp")));
        await(driver -> messageSids().equals(before));
        await(ExpectedConditions.textMatches(By.id("resume-info"), Pattern.compile("resumed: \\d+ missed")));
        assertEquals(before, messageSids());
    }

    private static void signIn(String user) {
        browser.get(suite.url("realtime-gateway") + "/");
        await(ExpectedConditions.elementToBeClickable(By.cssSelector("#demo-users button[data-user=" + user + "]")))
                .click();
        await(ExpectedConditions.textMatches(By.id("whoami"), Pattern.compile("^" + user + " ")));
        await(ExpectedConditions.textToBe(By.id("connection-state"), "live"));
    }

    private static void refusedSignIn(String token) {
        browser.get(suite.url("realtime-gateway") + "/");
        WebElement pasted = await(ExpectedConditions.visibilityOfElementLocated(By.id("token")));
        pasted.sendKeys(token);
        await(ExpectedConditions.elementToBeClickable(By.id("signin-token"))).click();
        await(ExpectedConditions.textMatches(By.id("signin-error"), Pattern.compile("^Sign-in refused: .+")));
        assertFalse(browser.findElement(By.id("app")).isDisplayed(), text("signin-error"));
    }

    private static void openGigChat() {
        await(ExpectedConditions.elementToBeClickable(By.cssSelector("#conversations li[data-kind=gig]"))).click();
        await(ExpectedConditions.textToBe(By.id("thread-title"), "Gig chat · " + DemoWorld.GIG));
        await(ExpectedConditions.visibilityOfElementLocated(By.id("compose-body")));
    }

    private static void send(String text) {
        WebElement input = browser.findElement(By.id("compose-body"));
        input.sendKeys(text);
        browser.findElement(By.id("send")).click();
        await(driver -> input.getAttribute("value").isEmpty() || !text("compose-error").isEmpty());
        assertEquals("", text("compose-error"));
    }

    private static WebElement awaitMessage(String body) {
        return await(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//ul[@id='messages']/li[div[@class='body' and .='" + body + "']]")));
    }

    /** An attribute of the message showing {@code body}, read inside the wait: a re-render may replace the element. */
    private static String messageAttribute(String body, String name) {
        return await(driver -> driver.findElement(
                By.xpath("//ul[@id='messages']/li[div[@class='body' and .='" + body + "']]")).getAttribute(name));
    }

    private static boolean photoShown() {
        Object loaded = ((JavascriptExecutor) browser).executeScript(
                "return [...document.querySelectorAll('#messages img')].some(i => i.complete && i.naturalWidth > 0)");
        return Boolean.TRUE.equals(loaded);
    }

    /**
     * The SIDs the thread shows, read in one script run: the page re-renders the list as history and live events
     * arrive, so element handles found first and read one by one may already have been replaced (stale).
     */
    @SuppressWarnings("unchecked")
    private static List<String> messageSids() {
        return List.copyOf((List<String>) ((JavascriptExecutor) browser).executeScript(
                "return [...document.querySelectorAll('#messages li.message')].map(li => li.dataset.sid)"));
    }

    /** What the page shows, and what the suite stored and sent, for a failure to be read without a rerun. */
    private static String whatTheSuiteHas() {
        StringBuilder out = new StringBuilder();
        try {
            out.append("page messages: ").append(browser.findElement(By.id("messages")).getAttribute("outerHTML"))
                    .append("\npage activity: ").append(text("activity"));
            try (java.sql.Connection db = suite.database(); java.sql.Statement statement = db.createStatement();
                    java.sql.ResultSet rows = statement.executeQuery("SELECT seq, type, message_sid, conversation_key,"
                            + " payload->'data'->>'status' AS status, stored_at FROM message_events"
                            + " WHERE seq > (SELECT max(seq) - 40 FROM message_events) ORDER BY seq")) {
                out.append("\nlast log events:");
                while (rows.next()) {
                    out.append("\n  ").append(rows.getLong(1)).append(' ').append(rows.getString(2)).append(' ')
                            .append(rows.getString(3)).append(' ').append(rows.getString(4)).append(' ')
                            .append(rows.getString(5)).append(' ').append(rows.getString(6));
                }
            }
            out.append("\nstand-in sends: ").append(suite.standInMessages());
        } catch (Exception e) {
            out.append("\n(could not read more: ").append(e).append(')');
        }
        return out.toString();
    }

    private static String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private static <T> T await(java.util.function.Function<WebDriver, T> condition) {
        // The page re-renders lists as events arrive: an element found by one poll may be replaced before it is read.
        return new WebDriverWait(browser, PATIENCE).ignoring(StaleElementReferenceException.class).until(condition);
    }

    /** The simulator as {@code ./switchboard simulate} runs it, pointed at this suite's ports and Twilio account. */
    private static void simulate(String... args) throws Exception {
        Path root = ProjectLayout.root();
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                ProjectLayout.commandLineClassPath(root), "dev.switchboard.cli.SwitchboardCli", "simulate"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(java.util.Map.of("SWITCHBOARD_PUBLIC_URL", suite.url("webhook-ingest"),
                "TWILIO_API_BASE_URL", suite.standIn(), "TWILIO_ACCOUNT_SID", Suite.ACCOUNT_SID,
                "TWILIO_AUTH_TOKEN", Suite.AUTH_TOKEN, "TWILIO_WHATSAPP_NUMBER", Suite.WHATSAPP_NUMBER));
        Process simulator = builder.start();
        String output = new String(simulator.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(simulator.waitFor(60, TimeUnit.SECONDS), "the simulator did not finish: " + output);
        assertEquals(0, simulator.exitValue(), output);
    }

    private static void screenshot() throws IOException {
        Path picture = Path.of("target/demo-page.png");
        Files.createDirectories(picture.getParent());
        Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), picture,
                StandardCopyOption.REPLACE_EXISTING);
    }
}
