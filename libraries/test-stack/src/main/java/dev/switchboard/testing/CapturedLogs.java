package dev.switchboard.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Every log record the service under test writes while this is open, as text (message template, parameters and stack
 * trace, so a secret passed as a parameter shows up even if the pattern would not print it), with the given
 * categories lowered to DEBUG: proof of what never reaches a log.
 */
public final class CapturedLogs extends Handler implements AutoCloseable {

    private final List<String> records = new CopyOnWriteArrayList<>();
    private final Map<Logger, Level> previousLevels = new HashMap<>();

    private CapturedLogs(String... debugCategories) {
        setLevel(Level.ALL);
        for (String category : debugCategories) {
            Logger logger = Logger.getLogger(category);
            previousLevels.put(logger, logger.getLevel());
            logger.setLevel(Level.FINE);
        }
        Logger.getLogger("").addHandler(this);
    }

    public static CapturedLogs capture(String... debugCategories) {
        return new CapturedLogs(debugCategories);
    }

    /** The captured records that contain {@code text}. */
    public List<String> containing(String text) {
        return records.stream().filter(record -> record.contains(text)).toList();
    }

    public int size() {
        return records.size();
    }

    @Override
    public void publish(LogRecord record) {
        StringWriter text = new StringWriter().append(record.getLoggerName()).append(": ")
                .append(String.valueOf(record.getMessage())).append(' ')
                .append(Arrays.deepToString(record.getParameters()));
        if (record.getThrown() != null) {
            record.getThrown().printStackTrace(new PrintWriter(text.append('\n')));
        }
        records.add(text.toString());
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
        previousLevels.forEach(Logger::setLevel);
    }
}
