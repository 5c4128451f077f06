package dev.bulwark.scanner.source;

/**
 * What a test of a registry's settings shows of each exchange with it: the request line, the answer's status and
 * body, or why there was none. It is never given a header, nor the answer of a token server (which holds a token).
 */
public interface RegistryTrace {

    /** Records nothing: what a scan uses. */
    RegistryTrace NONE = new RegistryTrace() {
        @Override
        public void request(String method, String url) { }

        @Override
        public void answer(int status, String body) { }

        @Override
        public void failure(String message) { }
    };

    void request(String method, String url);

    /** @param body the answer's text, empty when it is not shown (a stream, or a token server's answer) */
    void answer(int status, String body);

    void failure(String message);
}
