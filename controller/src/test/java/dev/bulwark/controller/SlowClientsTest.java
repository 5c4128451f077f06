package dev.bulwark.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.testing.Patience;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/** Clients that drip their headers or open connection after connection cannot hold the controller. */
class SlowClientsTest extends ControllerTest {

    private SSLSocket connect() throws IOException {
        SSLSocket socket = (SSLSocket) c.tls().getSocketFactory().createSocket("127.0.0.1", c.port());
        socket.startHandshake();
        return socket;
    }

    /** Whether the server closed the connection: a read gives end of stream (or a reset). */
    private static boolean closedByServer(Socket socket) {
        try {
            InputStream in = socket.getInputStream();
            socket.setSoTimeout(500);
            return in.read() == -1;
        } catch (java.net.SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    @Test
    void headersDrippedOneLineAtATimeLoseTheConnection() throws Exception {
        try (SSLSocket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write("GET /v1/system/summary HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long started = System.nanoTime();
            int[] line = {0};
            long[] lastLine = {started};
            Patience.await(() -> {
                if (System.nanoTime() - lastLine[0] > 1_000_000_000L) { // a line a second: far below any size limit
                    lastLine[0] = System.nanoTime();
                    try {
                        out.write("X-Drip-%d: y\r\n".formatted(line[0]++).getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    } catch (IOException closed) {
                        return true;
                    }
                }
                return closedByServer(socket);
            }, () -> "the connection is still open after %d header lines".formatted(line[0]));
            assertThat(System.nanoTime() - started).as("not before the header time").isGreaterThan(
                    java.time.Duration.ofSeconds(9).toNanos());
        }
        assertThat(c.as(admin, "GET", "/v1/system/summary", null).status()).as("others are served").isEqualTo(200);
    }

    @Test
    void aBodyDrippedSlowerThanTheMinimumRateIsCutOff() throws Exception {
        try (SSLSocket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/auth HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 100000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long[] lastByte = {System.nanoTime()};
            StringBuilder answer = new StringBuilder();
            Patience.await(() -> {
                if (System.nanoTime() - lastByte[0] > 1_000_000_000L) { // a byte a second
                    lastByte[0] = System.nanoTime();
                    try {
                        out.write(' ');
                        out.flush();
                    } catch (IOException closed) {
                        return true;
                    }
                }
                return answeredOrClosed(socket, answer);
            }, () -> "a body dripped at one byte a second is still being read");
            assertThat(answer.toString()).as("closed, or told the request was too slow").matches("|HTTP/1.1 408.*");
        }
    }

    /** Whether the server answered or closed the connection; what it answered is added to {@code answer}. */
    private static boolean answeredOrClosed(Socket socket, StringBuilder answer) {
        try {
            socket.setSoTimeout(500);
            byte[] bytes = new byte[64];
            int n = socket.getInputStream().read(bytes);
            if (n > 0) {
                answer.append(new String(bytes, 0, n, StandardCharsets.US_ASCII).lines().findFirst().orElse(""));
            }
            return true;
        } catch (java.net.SocketTimeoutException stillReading) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    /** The test's own client holds a few keep-alive connections too: the sockets here get the rest of 64. */
    @Test
    void oneAddressKeepsAtMostSixtyFourConnections() throws Exception {
        List<SSLSocket> held = new ArrayList<>();
        int accepted = 0;
        try {
            for (int i = 0; i < 70; i++) {
                SSLSocket socket;
                try {
                    socket = connect();
                } catch (IOException refusedDuringHandshake) {
                    continue;
                }
                held.add(socket);
                if (!closedByServer(socket)) {
                    accepted++;
                }
            }
            assertThat(accepted).as("connections kept open").isBetween(56, 64);
        } finally {
            for (SSLSocket s : held) {
                s.close();
            }
        }
        Patience.await(() -> {
            try {
                return c.as(admin, "GET", "/v1/system/summary", null).status() == 200;
            } catch (java.io.UncheckedIOException notYet) { // the server has not seen every close yet
                return false;
            }
        }, () -> "served again once they closed");
    }
}
