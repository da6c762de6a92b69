"""Drives Debian's python3-socketio client (5.x) through the interop contract and prints one JSON line of what it saw.

    /usr/bin/python3 interop_client.py <url> <websocket|polling>

Binary values are printed as {"binary": [bytes...]}. With connection state recovery on, the server appends the
event's offset to the events it emits: the observations keep the first arguments only.
"""
import json
import queue
import sys

import socketio

URL = sys.argv[1]
TRANSPORT = sys.argv[2]
TIMEOUT = 10

clients = []


def new_client():
    client = socketio.Client(reconnection=False)
    clients.append(client)
    return client


def connect(namespace="/", auth=None):
    client = new_client()
    client.connect(URL, namespaces=[namespace], transports=[TRANSPORT], auth=auth, wait_timeout=TIMEOUT)
    return client


def refused(namespace, auth=None):
    """Connects to a namespace that refuses, and returns the CONNECT_ERROR data and the error connect raised."""
    client = new_client()
    errors = queue.Queue()
    client.on("connect_error", errors.put, namespace=namespace)
    raised = None
    try:
        client.connect(URL, namespaces=[namespace], transports=[TRANSPORT], auth=auth, wait_timeout=TIMEOUT)
    except socketio.exceptions.ConnectionError as error:
        raised = str(error)
    return {"data": plain(errors.get(timeout=TIMEOUT)), "raised": raised}


def record(client, event, namespace="/"):
    events = queue.Queue()
    client.on(event, lambda *args: events.put(args), namespace=namespace)
    return events


def call(client, event, *args, namespace="/"):
    answer = queue.Queue()
    client.emit(event, args, namespace=namespace, callback=lambda *values: answer.put(values))
    return plain(list(answer.get(timeout=TIMEOUT)))


def first(events):
    return plain(events.get(timeout=TIMEOUT)[0])


def plain(value):
    """The value as JSON, bytes as {"binary": [...]}."""
    if isinstance(value, (bytes, bytearray)):
        return {"binary": list(value)}
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    return value


def main():
    result = {}
    main_client = connect()
    result["transport"] = main_client.transport()
    result["sid"] = main_client.get_sid()

    result["echoAck"] = call(main_client, "echo", "a", 1, {"k": True, "nested": [b"\x01\x02"]}, b"\x07")
    echoed = record(main_client, "echo")
    main_client.emit("echo", ("no ack", b"\xff"))
    result["echoEvent"] = plain(list(echoed.get(timeout=TIMEOUT)[:2]))
    result["echoDelayed"] = call(main_client, "echo-delayed", 20, "later", 2)

    result["join"] = call(main_client, "join", "blue")
    result["whoamiJoined"] = call(main_client, "whoami")[0]
    result["leave"] = call(main_client, "leave", "blue")
    result["whoamiLeft"] = call(main_client, "whoami")[0]

    member = connect()
    outsider = connect()
    call(member, "join", "red")
    member_messages = record(member, "message")
    outsider_messages = record(outsider, "message")
    result["broadcastAck"] = call(main_client, "broadcast", "red", {"hello": "red"})
    result["broadcastToRoom"] = first(member_messages)
    result["broadcastBinaryAck"] = call(main_client, "broadcast-binary", "red")
    result["broadcastBinary"] = first(member_messages)
    call(main_client, "broadcast", None, "everyone")
    result["broadcastToAll"] = first(outsider_messages)
    result["outsiderGotMore"] = not outsider_messages.empty()

    answering = connect()
    answering.on("ask", lambda *args: ("yes", args[0]))
    result["serverAck"] = call(answering, "server-ack", "q")[0]

    ticks = record(main_client, "tick")
    result["tickerAck"] = call(main_client, "ticker", {"count": 3, "intervalMs": 10})
    result["ticks"] = [first(ticks) for _ in range(3)]

    result["adminRefused"] = refused("/admin", {"token": "wrong"})
    admin = connect("/admin", {"token": "secret"})
    result["adminWhoami"] = call(admin, "whoami", namespace="/admin")[0]
    dynamic = connect("/dyn-abc")
    result["dynamicWhoami"] = call(dynamic, "whoami", namespace="/dyn-abc")[0]
    result["unknownNamespace"] = refused("/nope")

    unanswered = queue.Queue()
    main_client.emit("no-such-event", 1, callback=lambda *values: unanswered.put(values))
    result["afterUnknownEvent"] = call(main_client, "echo", "still")
    result["unknownEventAnswered"] = not unanswered.empty()

    leaving = connect()
    disconnected = queue.Queue()
    leaving.on("disconnect", lambda: disconnected.put(True))
    leaving.emit("disconnect-me")
    result["disconnectedByServer"] = disconnected.get(timeout=TIMEOUT)
    result["stillConnectedAfterDisconnectMe"] = leaving.connected

    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    try:
        main()
    finally:
        for client in clients:
            try:
                client.disconnect()
            except Exception:
                pass
