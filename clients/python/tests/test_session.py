"""Session logic against a scripted peer over a socket pair (no server): what the client reads,
skips, raises and sends. The peer's bytes are written before the client reads them."""

import socket
import time
from typing import Any, Iterator, List, Tuple

import pytest

from backflush_hil import (
    Ack, Actuators, ConnectionClosed, Encoding, ErrorCode, HilTimeout, MessageType, ProtocolError, Sensors,
    ServerError, Session, Status, UsageError,
)
from backflush_hil import binary, jsonlines
from backflush_hil.messages import Error, HelloAck, Message, Restore, Snapshot, Step


def frame(seq: int, status: int = 0, group_bar: float = 1.0) -> Sensors:
    return Sensors(seq, seq * 1000, group_bar, 2.0, 93.0, 88.0, seq, 2000.0, 0.0, status)


@pytest.fixture(params=[Encoding.BINARY, Encoding.JSON])
def pair(request: pytest.FixtureRequest) -> Iterator[Tuple[Session, "Peer"]]:
    a, b = socket.socketpair()
    session = Session(a, request.param, timeout=2.0, name="pair")
    peer = Peer(b, request.param)
    yield session, peer
    session.close()
    b.close()


class Peer:
    """The server's end: writes messages, reads what the client sent."""

    def __init__(self, sock: socket.socket, encoding: Encoding) -> None:
        self.sock = sock
        self.encode = binary.encode if encoding is Encoding.BINARY else jsonlines.encode
        self.decoder = binary.BinaryDecoder() if encoding is Encoding.BINARY else jsonlines.JsonLineDecoder()

    def send(self, *messages: Message) -> None:
        self.sock.sendall(b"".join(self.encode(m) for m in messages))

    def received(self) -> List[Any]:
        self.sock.settimeout(0.05)
        try:
            while True:
                data = self.sock.recv(65536)
                if not data:
                    break
                self.decoder.feed(data)
        except socket.timeout:
            pass
        out: List[Any] = []
        while (m := self.decoder.next()) is not None:
            out.append(m)
        return out


def greet(session: Session, peer: Peer) -> None:
    peer.send(HelloAck(1, False, 1000, 9))
    session.hello()


def test_hello_gives_the_session_its_tick_and_number(pair: Tuple[Session, Peer]) -> None:
    s, peer = pair
    peer.send(HelloAck(1, True, 500, 9))
    ack = s.hello(raw=True, dt_us=500)
    assert (s.session_id, s.dt_us, s.raw) == (9, 500, True) and ack.session == 9
    (hello,) = peer.received()
    assert (hello.raw, hello.dt_us, hello.min_version, hello.max_version) == (True, 500, 1, 2)


def test_a_refused_hello_raises_a_typed_server_error(pair: Tuple[Session, Peer]) -> None:
    s, peer = pair
    peer.send(Error(ErrorCode.BAD_VERSION, 1, "client speaks versions 2..2"))
    with pytest.raises(ServerError) as e:
        s.hello(min_version=2, max_version=2)
    assert e.value.code == ErrorCode.BAD_VERSION and e.value.error_code is ErrorCode.BAD_VERSION
    assert e.value.count == 1 and "versions 2..2" in str(e.value)


def test_busy_arrives_as_a_json_line_even_to_a_binary_client() -> None:
    a, b = socket.socketpair()
    with a, b:
        b.sendall(jsonlines.encode(Error(ErrorCode.BUSY, 0, "server busy: all sessions in use, try again later")))
        b.close()
        s = Session(a, Encoding.BINARY, timeout=2.0)
        with pytest.raises(ServerError) as e:
            s.hello()
        assert e.value.error_code is ErrorCode.BUSY


def test_sensors_for_skips_resends_of_earlier_ticks(pair: Tuple[Session, Peer]) -> None:
    s, peer = pair
    greet(s, peer)
    peer.send(frame(0))
    f0 = s.sensors()
    s.actuate(pump=1.0, heater=0.5, solenoid=True)
    # a resend of tick 0 was in flight when the client answered it
    peer.send(frame(0, Status.RESENT), frame(1))
    assert s.sensors_for(1).seq == 1
    assert s.resends_skipped == 1
    assert peer.received()[-1] == Actuators(0, 0, 1.0, 0.5, True)
    assert f0.seq == 0


def test_sequence_numbers_compare_modulo_2_to_the_32(pair: Tuple[Session, Peer]) -> None:
    s, peer = pair
    greet(s, peer)
    top = 2 ** 32 - 1
    peer.send(frame(top - 1), frame(top), frame(0), frame(1))
    assert s.sensors_for(top).seq == top       # top - 1 is earlier: skipped
    assert s.sensors_for(0).seq == 0           # 0 comes after 2**32 - 1
    assert s.sensors_for(top).seq == 1         # 1 is after top too (half-range compare): accepted


def test_lockstep_yields_frames_in_order_and_refuses_an_unanswered_one(pair: Tuple[Session, Peer]) -> None:
    s, peer = pair
    greet(s, peer)
    peer.send(frame(0), frame(1), frame(2), frame(3))
    seen = []
    for f in s.lockstep(ticks=3):
        seen.append(f.seq)
        s.actuate(pump=0.5)
    assert seen == [0, 1, 2]
    assert [m.seq for m in peer.received()[1:]] == [0, 1, 2]
    with pytest.raises(UsageError, match="not answered"):
        for _ in s.lockstep():
            pass  # forgot to actuate


def test_lockstep_stops_at_until_us(pair: Tuple[Session, Peer]) -> None:
    s, peer = pair
    greet(s, peer)
    peer.send(*(frame(i) for i in range(6)))
    seen = []
    for f in s.lockstep(until_us=3000):
        seen.append(f.seq)
        s.actuate()
    assert seen == [0, 1, 2]
    assert s.frame is not None and s.frame.seq == 3


def test_step_returns_the_frame_after_its_ack_and_drops_older_ones(pair: Tuple[Session, Peer]) -> None:
    s, peer = pair
    greet(s, peer)
    peer.send(frame(0))
    s.sensors()
    s.actuate()
    peer.send(frame(1), Ack(MessageType.STEP, 10), frame(11))
    f = s.step(10)
    assert f.seq == 11 and s.frame is f and s.last_ack == Ack(MessageType.STEP, 10)
    assert peer.received()[-1] == Step(10)


def test_a_frame_that_arrives_before_a_snapshot_ack_is_kept_for_lockstep(pair: Tuple[Session, Peer]) -> None:
    s, peer = pair
    greet(s, peer)
    peer.send(frame(0))
    it = s.lockstep(ticks=2)
    assert next(it).seq == 0
    s.actuate(pump=1.0)
    peer.send(frame(1), Ack(MessageType.SNAPSHOT, 4))
    s.snapshot(4)
    assert next(it).seq == 1  # not lost while waiting for the ack
    assert peer.received()[-1] == Snapshot(4)


def test_an_error_instead_of_an_ack_raises_with_its_code(pair: Tuple[Session, Peer]) -> None:
    s, peer = pair
    greet(s, peer)
    peer.send(Error(ErrorCode.NOT_ALLOWED, 1, "snapshot slot 5 is empty"))
    with pytest.raises(ServerError) as e:
        s.restore(5)
    assert e.value.error_code is ErrorCode.NOT_ALLOWED and e.value.message == "snapshot slot 5 is empty"
    assert peer.received()[-1] == Restore(5)


def test_a_silent_server_times_out_within_the_bound(pair: Tuple[Session, Peer]) -> None:
    s, peer = pair
    greet(s, peer)
    start = time.monotonic()
    with pytest.raises(HilTimeout):
        s.sensors(timeout=0.3)
    assert 0.25 < time.monotonic() - start < 2.0


def test_a_closed_connection_and_a_corrupt_frame_are_typed_errors() -> None:
    a, b = socket.socketpair()
    s = Session(a, Encoding.BINARY, timeout=2.0)
    b.sendall(binary.encode(HelloAck(1, False, 1000, 1)))
    s.hello()
    bad = bytearray(binary.encode(frame(0)))
    bad[20] ^= 0xFF
    b.sendall(bytes(bad))
    with pytest.raises(ProtocolError) as e:
        s.sensors()
    assert e.value.decode_error is not None and e.value.decode_error.code == ErrorCode.BAD_CRC
    b.sendall(binary.encode(frame(1)))
    for _ in range(62):  # the rest of the bad frame is skipped, up to each 'B' in it, then frame 1
        try:
            assert s.sensors().seq == 1
            break
        except ProtocolError:
            pass
    else:
        pytest.fail("did not resynchronise")
    b.close()
    with pytest.raises(ConnectionClosed):
        s.sensors()
    s.close()


def test_actuate_before_any_frame_is_a_usage_error(pair: Tuple[Session, Peer]) -> None:
    s, peer = pair
    greet(s, peer)
    with pytest.raises(UsageError):
        s.actuate(pump=1.0)


def test_leaving_the_with_block_says_bye(pair: Tuple[Session, Peer]) -> None:
    s, peer = pair
    greet(s, peer)
    peer.send(Ack(MessageType.BYE, 0))
    with s:
        pass
    assert s.closed
    assert type(peer.received()[-1]).__name__ == "Bye"


def test_get_stats_returns_the_stats_and_keeps_the_frames_that_came_before_them(pair: Tuple[Session, Peer]) -> None:
    from backflush_hil import GetStats, Stats
    s, peer = pair
    greet(s, peer)
    peer.received()
    stats = Stats(12, 12, 50, 90, 120, 400, 0, 0, 1, 0)
    peer.send(frame(12), stats)
    assert s.get_stats() == stats
    assert peer.received() == [GetStats()]
    assert s.sensors().seq == 12  # the frame that arrived first is not lost
    peer.send(Error(ErrorCode.UNKNOWN_TYPE, 1, "unknown frame type 0x19"))
    with pytest.raises(ServerError) as e:
        s.get_stats()
    assert e.value.code == ErrorCode.UNKNOWN_TYPE


def test_a_v2_session_writes_v2_headers_and_a_v1_session_v1(pair: Tuple[Session, Peer]) -> None:
    s, peer = pair
    peer.send(HelloAck(2, False, 1000, 1))
    s.hello()
    assert s.version == 2
    peer.received()
    s.send(Step(1))
    if s.encoding is Encoding.BINARY:
        peer.sock.settimeout(1.0)
        assert peer.sock.recv(64)[2] == 2
