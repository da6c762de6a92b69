package io.github.springsocketio.adapter;

import java.util.Map;
import java.util.Set;

import io.github.springsocketio.server.Handshake;
import io.github.springsocketio.server.SocketDetails;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sockets in fetch-sockets answers: Node.js's {@code {id, handshake, rooms, data}}, plus the principal's name as
 * {@code user} when a Java node knows it, which Node.js nodes neither write nor read.
 */
class ClusterPayloadsTests {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static final Handshake HANDSHAKE = new Handshake(Map.of("host", "localhost"), "", "127.0.0.1", false,
			false, 1795562755705L, "/socket.io/?EIO=4&transport=websocket", Map.of("EIO", "4"),
			JsonNodeFactory.instance.objectNode());

	@Test
	void aSocketOfAUserCarriesTheNameAsOneMoreFieldAndReadsBackWithIt() {
		SocketDetails socket = new SocketDetails("s1", HANDSHAKE, Set.of("s1", "socketio:user:alice"),
				Map.of("n", 1), "alice");

		ObjectNode node = ClusterPayloads.socket(socket, MAPPER);
		SocketDetails read = ClusterPayloads.socket(MAPPER.readTree(node.toString()), MAPPER);

		assertThat(node.propertyNames()).containsExactly("id", "handshake", "rooms", "data", "user");
		assertThat(node.get("user").stringValue()).isEqualTo("alice");
		assertThat(read).isEqualTo(socket);
	}

	@Test
	void theClientsCredentialsStayOnTheNodeItConnectedTo() {
		ObjectNode auth = JsonNodeFactory.instance.objectNode().put("token", "eyJhbGciOi").put("room", "lobby");
		Handshake handshake = new Handshake(Map.of("host", "localhost", "authorization", "Bearer eyJhbGciOi", "cookie",
				"SESSION=4f1c", "proxy-authorization", "Basic YTpi", "user-agent", "node"), "", "127.0.0.1", false, false,
				1795562755705L, "/socket.io/?EIO=4&transport=websocket", Map.of("EIO", "4"), auth);
		SocketDetails socket = new SocketDetails("s4", handshake, Set.of("s4"), Map.of(), "alice");

		SocketDetails read = ClusterPayloads.socket(ClusterPayloads.socket(socket, MAPPER), MAPPER);

		assertThat(read.handshake().headers()).containsOnlyKeys("host", "user-agent");
		assertThat(read.handshake().auth().propertyNames()).containsExactly("room");
		assertThat(socket.handshake().auth("token")).as("the local socket keeps its own").isEqualTo("eyJhbGciOi");
		assertThat(socket.handshake().headers()).containsKey("authorization");
	}

	@Test
	void anAnonymousSocketHasExactlyTheFieldsOfNodeJs() {
		SocketDetails socket = new SocketDetails("s2", HANDSHAKE, Set.of("s2"), Map.of());

		ObjectNode node = ClusterPayloads.socket(socket, MAPPER);

		assertThat(node.propertyNames()).containsExactly("id", "handshake", "rooms", "data");
		assertThat(ClusterPayloads.socket(node, MAPPER).user()).isNull();
	}

	@Test
	void aSocketAsNodeJsWritesItHasNoUserAndANameThatIsNotTextIsIgnored() {
		JsonNode fromNode = MAPPER.readTree("""
				{"id":"vgJ3Ddluf1JJkUPoAAAA","handshake":{"headers":{},"address":"127.0.0.1","auth":{}},
				 "rooms":["vgJ3Ddluf1JJkUPoAAAA","socketio:user:mallory"],"data":{"node":3411}}""");
		JsonNode odd = MAPPER.readTree("""
				{"id":"s3","handshake":{},"rooms":["s3"],"data":{},"user":{"name":"alice"}}""");

		SocketDetails socket = ClusterPayloads.socket(fromNode, MAPPER);

		assertThat(socket.id()).isEqualTo("vgJ3Ddluf1JJkUPoAAAA");
		// a room does not make a socket anybody's
		assertThat(socket.user()).isNull();
		assertThat(ClusterPayloads.socket(odd, MAPPER).user()).isNull();
	}

}
