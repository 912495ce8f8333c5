package dev.facecard.shared.web;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;

import dev.facecard.shared.web.error.InvalidRequestException;
import tools.jackson.databind.JsonNode;

/**
 * Strict access to the fields of a JSON object body: unknown fields are refused and no
 * value is coerced (a number is not a string, {@code "5"} is not a number), so a client's
 * mistake is a clear 400 rather than a silent surprise. Absent fields and JSON
 * {@code null} both read as {@code null}; {@link #has} tells them apart.
 */
public final class JsonFields {

	private final JsonNode object;

	private JsonFields(JsonNode object) {
		this.object = object;
	}

	public static JsonFields of(JsonNode body, Collection<String> allowedFields) {
		if (body == null || !body.isObject()) {
			throw new InvalidRequestException("The body must be a JSON object.");
		}
		List<String> unknown = body.propertyNames().stream().filter(name -> !allowedFields.contains(name)).toList();
		if (!unknown.isEmpty()) {
			throw new InvalidRequestException(
					"Unknown field(s) " + quoted(unknown) + "; allowed: " + String.join(", ", allowedFields) + ".");
		}
		return new JsonFields(body);
	}

	public boolean has(String field) {
		return this.object.has(field);
	}

	public String string(String field) {
		JsonNode value = value(field);
		if (value == null) {
			return null;
		}
		if (!value.isString()) {
			throw wrongType(field, "a string");
		}
		return text(field, value.stringValue());
	}

	public Integer integer(String field) {
		JsonNode value = value(field);
		if (value == null) {
			return null;
		}
		if (!value.isIntegralNumber()) {
			throw wrongType(field, "an integer");
		}
		if (!value.canConvertToInt()) {
			throw wrongType(field, "an integer from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE);
		}
		return value.intValue();
	}

	public Long longInteger(String field) {
		JsonNode value = value(field);
		if (value == null) {
			return null;
		}
		if (!value.isIntegralNumber()) {
			throw wrongType(field, "an integer");
		}
		if (!value.canConvertToLong()) {
			throw wrongType(field, "an integer from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE);
		}
		return value.longValue();
	}

	public Boolean bool(String field) {
		JsonNode value = value(field);
		if (value == null) {
			return null;
		}
		if (!value.isBoolean()) {
			throw wrongType(field, "true or false");
		}
		return value.booleanValue();
	}

	public List<String> strings(String field) {
		JsonNode value = value(field);
		if (value == null) {
			return null;
		}
		if (!value.isArray()) {
			throw wrongType(field, "an array of strings");
		}
		List<String> result = new ArrayList<>(value.size());
		for (JsonNode element : value.values()) {
			if (!element.isString()) {
				throw wrongType(field, "an array of strings");
			}
			result.add(text(field, element.stringValue()));
		}
		return result;
	}

	/**
	 * Only text that can be stored as it was sent: no U+0000 (PostgreSQL refuses it) and
	 * no unpaired surrogate (the escape of a lone surrogate, or what the reader made of
	 * bytes that are not UTF-8), which would be stored as '?'.
	 */
	private static String text(String field, String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length()
					&& Character.isLowSurrogate(text.charAt(i + 1));
			if (c == 0) {
				throw new InvalidRequestException("'" + field + "' must be Unicode text without U+0000.");
			}
			if (Character.isSurrogate(c) && !paired) {
				throw new InvalidRequestException(
						"'" + field + "' must be Unicode text: it has an unpaired surrogate (\\u"
								+ HexFormat.of().withUpperCase().toHexDigits(c) + ") or bytes that are not UTF-8.");
			}
			if (paired) {
				i++;
			}
		}
		return text;
	}

	private JsonNode value(String field) {
		JsonNode value = this.object.get(field);
		return (value == null || value.isNull()) ? null : value;
	}

	private static InvalidRequestException wrongType(String field, String expected) {
		return new InvalidRequestException("'" + field + "' must be " + expected + ".");
	}

	private static String quoted(List<String> names) {
		return names.stream().limit(5).map(name -> "'" + abbreviate(name) + "'").toList().toString();
	}

	private static String abbreviate(String text) {
		return text.length() <= 40 ? text : text.substring(0, 40) + "…";
	}

}
