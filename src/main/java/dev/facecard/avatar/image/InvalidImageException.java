package dev.facecard.avatar.image;

import dev.facecard.shared.web.error.InvalidRequestException;

/** 400: an upload that is not an acceptable image. */
public class InvalidImageException extends InvalidRequestException {

	public InvalidImageException(String detail) {
		super(detail);
	}

}
