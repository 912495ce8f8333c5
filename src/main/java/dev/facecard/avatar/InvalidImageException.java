package dev.facecard.avatar;

import dev.facecard.system.InvalidRequestException;

/** 400: an upload that is not an acceptable image. */
public class InvalidImageException extends InvalidRequestException {

	public InvalidImageException(String detail) {
		super(detail);
	}

}
