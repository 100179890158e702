package dev.switchboard.problem;

/** A refusal that the REST edge turns into a problem response; thrown where the reason is known. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.reason() + ": " + problem.detail(), null, false, false);
        this.problem = problem;
    }

    public ProblemException(int status, String reason, String title, String detail) {
        this(Problem.of(status, reason, title, detail));
    }

    /** A 400 listing every rule the request breaks, so a client can fix them all at once. */
    public static ProblemException invalid(java.util.List<String> violations) {
        return new ProblemException(Problem.of(400, "invalid-request", "Invalid request",
                "the request breaks " + violations.size() + " rule(s); nothing was done").with("violations", violations));
    }

    public static ProblemException badRequest(String reason, String detail) {
        return new ProblemException(400, reason, "Invalid request", detail);
    }

    public static ProblemException notFound(String reason, String detail) {
        return new ProblemException(404, reason, "Not found", detail);
    }

    public static ProblemException unauthorized(String reason, String detail) {
        return new ProblemException(401, reason, "Unauthorized", detail);
    }

    public static ProblemException forbidden(String reason, String detail) {
        return new ProblemException(403, reason, "Forbidden", detail);
    }

    public Problem problem() {
        return problem;
    }
}
