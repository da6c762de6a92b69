package io.github.springsocketio.annotation;

/**
 * A bound handler method with the exception handlers of its own bean.
 *
 * @param method the method
 * @param exceptionHandlers its bean's {@code @SocketIOExceptionHandler} methods
 */
record Handler(BoundMethod method, ExceptionHandlers exceptionHandlers) {

	boolean reactive() {
		return this.method.returnKind().reactive();
	}

}
