package io.consulate.http;

import java.util.concurrent.CompletableFuture;

/**
 * An endpoint: translates a request into one service call and renders the result. Completing the
 * future exceptionally with an {@link HttpError} answers with its status; anything else is a 500.
 * The future may be cancelled when the client goes away, which must release what it holds.
 */
@FunctionalInterface
public interface Handler {
    CompletableFuture<ApiResponse> handle(ApiRequest request) throws Exception;
}
