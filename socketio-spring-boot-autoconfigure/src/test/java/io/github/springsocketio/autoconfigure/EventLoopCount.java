package io.github.springsocketio.autoconfigure;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts an application with the starter in a JVM of its own, opens more connections than any default could have
 * loops (each new connection goes to the next loop, so every loop gets one and starts its thread), and prints how many
 * event-loop threads the server runs. Its own JVM, because Reactor Netty reads its loop count once per JVM.
 */
final class EventLoopCount {

	static final int CONNECTIONS = 16;

	private static final Pattern SERVER_LOOP = Pattern.compile("reactor-http-(epoll|nio|kqueue|io_uring)-\\d+");

	private EventLoopCount() {
	}

	public static void main(String[] args) throws Exception {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class)
			.web(WebApplicationType.REACTIVE)
			.properties("server.port=0", "spring.main.banner-mode=off", "logging.level.root=warn")
			.properties(args)
			.run()) {
			int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
			List<Socket> sockets = new ArrayList<>();
			try {
				for (int i = 0; i < CONNECTIONS; i++) {
					Socket socket = new Socket("127.0.0.1", port);
					OutputStream out = socket.getOutputStream();
					out.write("GET /socket.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: localhost\r\n\r\n"
						.getBytes(StandardCharsets.US_ASCII));
					out.flush();
					socket.getInputStream().read(); // the server has taken the connection onto a loop
					sockets.add(socket);
				}
				long loops = Thread.getAllStackTraces()
					.keySet()
					.stream()
					.filter((thread) -> SERVER_LOOP.matcher(thread.getName()).matches())
					.count();
				System.out.println("event-loops=" + loops);
			}
			finally {
				for (Socket socket : sockets) {
					socket.close();
				}
			}
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

	}

}
