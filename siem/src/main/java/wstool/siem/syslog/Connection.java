package wstool.siem.syslog;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/** One open way to a collector. TCP and TLS frame each message by octet counting (RFC 6587 3.4.1: "LEN SP MSG"). */
interface Connection extends Closeable {
    int CONNECT_TIMEOUT_MS = 5000;

    void send(byte[] message) throws IOException;

    /** Pushes buffered messages out (called when no more are waiting). */
    void flush() throws IOException;

    static Connection open(SyslogUrl url, SSLContext tls) throws IOException {
        return switch (url.transport()) {
            case UDP -> new Udp(url);
            case TCP -> new Stream(plain(url));
            case TLS -> new Stream(tls(url, tls));
        };
    }

    private static Socket plain(SyslogUrl url) throws IOException {
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(url.host(), url.port()), CONNECT_TIMEOUT_MS);
            s.setTcpNoDelay(true);
            return s;
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    /** TLS with host name verification (the certificate must name the host of the URL). */
    private static Socket tls(SyslogUrl url, SSLContext ctx) throws IOException {
        Socket raw = plain(url);
        SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(raw, url.host(), url.port(), true);
        SSLParameters p = s.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        s.setSSLParameters(p);
        try {
            s.startHandshake();
        } catch (SSLHandshakeException e) {
            s.close();
            throw new CertificateProblem("TLS to syslog collector " + url.host() + ":" + url.port()
                    + " refused its certificate: " + rootMessage(e), e);
        } catch (IOException e) {
            s.close();
            throw e;
        }
        return s;
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null) t = t.getCause();
        return t.getMessage();
    }

    /** A TLS certificate the collector presented was not accepted: retrying will not help until it is fixed. */
    final class CertificateProblem extends IOException {
        CertificateProblem(String message, Throwable cause) { super(message, cause); }
    }

    final class Stream implements Connection {
        private final Socket socket;
        private final OutputStream out;

        Stream(Socket socket) throws IOException {
            this.socket = socket;
            this.out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
        }

        @Override
        public void send(byte[] m) throws IOException {
            out.write(Integer.toString(m.length).getBytes(StandardCharsets.US_ASCII));
            out.write(' ');
            out.write(m);
        }

        @Override public void flush() throws IOException { out.flush(); }

        @Override public void close() throws IOException { socket.close(); }
    }

    final class Udp implements Connection {
        private final DatagramSocket socket;

        Udp(SyslogUrl url) throws IOException {
            socket = new DatagramSocket();
            socket.connect(new InetSocketAddress(url.host(), url.port()));
        }

        @Override public void send(byte[] m) throws IOException { socket.send(new DatagramPacket(m, m.length)); }

        @Override public void flush() { }

        @Override public void close() { socket.close(); }
    }
}
