package dev.facecard.shared.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * For the few requests that stream for longer than {@code facecard.deadlines} allow a
 * request (the bulk import and export of users): each piece of progress restarts the
 * request's {@code head + body} deadline, so such a request is cut off only once it
 * stalls that long, not after that long in all.
 */
public interface StreamingRequests {

	/**
	 * The request made progress (read a line, wrote a page): its deadline starts again.
	 */
	void progressed(HttpServletRequest request);

}
