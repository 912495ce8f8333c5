package dev.facecard.shared.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

import dev.facecard.shared.web.RequestPaths;
import dev.facecard.shared.web.RequestTelemetryFilter;
import dev.facecard.shared.web.ResponseHeadersFilter;
import dev.facecard.shared.web.error.AvatarError;
import dev.facecard.shared.web.error.Problems;
import io.micrometer.core.instrument.Metrics;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;

/**
 * What Tomcat answers to requests it refuses before they reach the application (a header
 * line without a colon, HTTP/1.1 without {@code Host}, two {@code Host} headers, a header
 * over the size limit, {@code %00} in a path, an unsupported HTTP version or transfer
 * coding): JSON in the path's format instead of Tomcat's HTML page, with {@code nosniff},
 * a request id, an access-log line and a timer, like every other answer. Installed as the
 * host's error report valve by {@link WebConfiguration}; Tomcat creates it from its class
 * name, so it takes no arguments. Errors inside the application never get here:
 * {@link ErrorJsonController} answers them first.
 */
public class JsonErrorReportValve extends ErrorReportValve {

	private static final JsonMapper JSON = JsonMapper.shared();

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		String uri = request.getRequestURI();
		String path = RequestPaths.lenientlyDecoded((uri == null || uri.isEmpty()) ? refusedTarget(throwable) : uri);
		String requestId = RequestTelemetryFilter.newRequestId();
		try {
			response.setHeader(RequestTelemetryFilter.REQUEST_ID_HEADER, requestId);
			ResponseHeadersFilter.setHeaders(path, request, response);
			ErrorCaching.neverStored(request, response);
			ByteArrayOutputStream body = new ByteArrayOutputStream(128);
			if (PublicPaths.servesAvatars(path)) {
				JSON.writeValue(body, AvatarError.of(status));
				response.setContentType(MediaType.APPLICATION_JSON_VALUE);
			}
			else {
				JSON.writeValue(body, Problems.body(HttpStatusCode.valueOf(status), Problems.title(status) + "."));
				response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			}
			response.setContentLength(body.size());
			response.getOutputStream().write(body.toByteArray());
			response.finishResponse();
		}
		catch (IOException | IllegalStateException ex) {
			// the client is gone, or the connection may not be written to any more:
			// nothing left to tell it
		}
		long started = request.getCoyoteRequest().getStartTimeNanos();
		long nanos = (started > 0) ? Math.max(0, System.nanoTime() - started) : 0;
		String method = String.valueOf(request.getMethod());
		RequestTelemetryFilter.record(Metrics.globalRegistry, method, "UNMATCHED", status, nanos);
		RequestTelemetryFilter.logAccess(method, "UNMATCHED", status, nanos, requestId);
	}

	/**
	 * The path of a request line Tomcat refused before reading its target (a control
	 * character in it, or a byte outside ASCII such as an unencoded Chinese username), as
	 * its refusal quotes it ({@code [/api/user/get_avatar?appid=…]}), or empty: only the
	 * answer's format is chosen by it, and nothing of it is logged.
	 */
	static String refusedTarget(Throwable refusal) {
		String message = (refusal != null) ? refusal.getMessage() : null;
		int start = (message != null) ? message.indexOf("[/") : -1;
		if (start < 0) {
			return "";
		}
		int end = start + 1;
		while (end < message.length() && "?] ".indexOf(message.charAt(end)) < 0) {
			end++;
		}
		return message.substring(start + 1, end);
	}

}
