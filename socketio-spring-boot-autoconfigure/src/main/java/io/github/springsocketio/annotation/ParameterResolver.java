package io.github.springsocketio.annotation;

import org.jspecify.annotations.Nullable;

/** Gives one parameter of a handler its value; built once per parameter at start-up. */
@FunctionalInterface
interface ParameterResolver {

	@Nullable Object resolve(Invocation invocation);

}
