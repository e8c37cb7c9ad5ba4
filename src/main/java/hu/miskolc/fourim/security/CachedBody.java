package hu.miskolc.fourim.security;

import java.io.ByteArrayInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/** A request body read once for inspection and replayed to the next filter. */
public record CachedBody(byte[] bytes) {

    /** Reads at most {@code limit} + 1 bytes, so callers can tell an oversized body. */
    public static CachedBody of(HttpServletRequest request, int limit) throws IOException {
        return new CachedBody(request.getInputStream().readNBytes(limit + 1));
    }

    public HttpServletRequest wrap(HttpServletRequest request) {
        return new HttpServletRequestWrapper(request) {
            @Override
            public ServletInputStream getInputStream() {
                InputStream in = new ByteArrayInputStream(bytes);
                return new ServletInputStream() {
                    @Override
                    public int read() throws IOException {
                        return in.read();
                    }

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        return in.read(b, off, len);
                    }

                    @Override
                    public boolean isFinished() {
                        try {
                            return in.available() == 0;
                        } catch (IOException e) {
                            return true;
                        }
                    }

                    @Override
                    public boolean isReady() {
                        return true;
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        throw new UnsupportedOperationException("synchronous body");
                    }
                };
            }

            @Override
            public BufferedReader getReader() throws IOException {
                String encoding = getCharacterEncoding() != null ? getCharacterEncoding() : "UTF-8";
                return new BufferedReader(new InputStreamReader(getInputStream(), encoding));
            }

            @Override
            public int getContentLength() {
                return bytes.length;
            }

            @Override
            public long getContentLengthLong() {
                return bytes.length;
            }
        };
    }
}
