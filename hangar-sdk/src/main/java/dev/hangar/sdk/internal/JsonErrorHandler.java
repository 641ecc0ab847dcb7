package dev.hangar.sdk.internal;

import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty raises itself (a malformed request, 503 while shutting down) answered as
 * {@code {"Err":"..."}} with the plugin content type, never an HTML page or a stack trace.
 */
public final class JsonErrorHandler extends ErrorHandler {

  @Override
  protected void generateResponse(Request request, Response response, int code, String message,
      Throwable cause, Callback callback) {
    String text = message == null || message.isBlank() ? HttpStatus.getMessage(code) : message;
    PluginHandler.reply(response, callback, code, Replies.error(text));
  }
}
