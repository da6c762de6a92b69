package io.github.springsocketio.autoconfigure;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;

/** The JSON mapper the starter's beans use: the application's, or Jackson's defaults where it has none. */
final class JsonMappers {

	private JsonMappers() {
	}

	static JsonMapper orDefault(ObjectProvider<JsonMapper> mapper) {
		return mapper.getIfAvailable(() -> JsonMapper.builder().build());
	}

}
