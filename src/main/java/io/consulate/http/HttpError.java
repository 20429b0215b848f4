package io.consulate.http;

/**
 * A failure to answer with a given status and a plain-text reason (Consul's HTTPError). The reason is
 * written verbatim, so it must never carry a stack trace or echo unbounded input.
 */
public final class HttpError extends RuntimeException {
    private final int status;

    public HttpError(int status, String reason) {
        super(reason, null, false, false);
        this.status = status;
    }

    public static HttpError badRequest(String reason) {
        return new HttpError(400, reason);
    }

    public static HttpError notFound(String reason) {
        return new HttpError(404, reason);
    }

    public int status() {
        return status;
    }
}
