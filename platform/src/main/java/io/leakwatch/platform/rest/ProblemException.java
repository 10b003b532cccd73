package io.leakwatch.platform.rest;

import jakarta.ws.rs.core.Response;

/** Thrown where a request cannot be served; answered with its {@link Problem}. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail());
        this.problem = problem;
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(Problem.of(Response.Status.NOT_FOUND, detail));
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(Problem.of(Response.Status.BAD_REQUEST, detail));
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(Problem.of(Response.Status.CONFLICT, detail));
    }

    public Problem problem() {
        return problem;
    }
}
