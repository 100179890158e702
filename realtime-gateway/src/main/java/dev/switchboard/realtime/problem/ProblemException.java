package dev.switchboard.realtime.problem;

/** A refusal that the HTTP edge turns into a problem response; thrown where the reason is known. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(int status, String reason, String title, String detail) {
        super(reason + ": " + detail, null, false, false);
        this.problem = Problem.of(status, reason, title, detail);
    }

    public static ProblemException unauthorized(String reason, String detail) {
        return new ProblemException(401, reason, "Not authenticated", detail);
    }

    public static ProblemException forbidden(String reason, String detail) {
        return new ProblemException(403, reason, "Not allowed", detail);
    }

    public Problem problem() {
        return problem;
    }
}
