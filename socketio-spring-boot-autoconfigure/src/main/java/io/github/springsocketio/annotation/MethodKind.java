package io.github.springsocketio.annotation;

/** What an annotated method handles; decides which parameters and return types it may have. */
enum MethodKind {

	EVENT("@SocketIOEvent"), CONNECT("@OnConnect"), DISCONNECT("@OnDisconnect"), UNHANDLED("@OnUnhandledEvent"),
	EXCEPTION_HANDLER("@SocketIOExceptionHandler");

	private final String annotation;

	MethodKind(String annotation) {
		this.annotation = annotation;
	}

	String annotation() {
		return this.annotation;
	}

}
