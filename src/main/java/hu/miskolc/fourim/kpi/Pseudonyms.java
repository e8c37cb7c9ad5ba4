package hu.miskolc.fourim.kpi;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Pseudonymous participant ids for exports: HMAC-SHA256 of the participant id with a secret key
 * ({@code fourim.kpi.pseudonym-key}), so the same person has the same id in every export while nobody without the key
 * can link it back. Without a configured key a random one is used, and ids change on every restart.
 */
@Component
class Pseudonyms {

    private static final Logger log = LoggerFactory.getLogger(Pseudonyms.class);

    private final SecretKeySpec key;

    Pseudonyms(@Value("${fourim.kpi.pseudonym-key:}") String configured) {
        byte[] bytes;
        if (configured == null || configured.isBlank()) {
            bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            log.warn("fourim.kpi.pseudonym-key is not set: the pseudonyms of the outcome export change on restart.");
        } else {
            bytes = configured.getBytes(StandardCharsets.UTF_8);
        }
        key = new SecretKeySpec(bytes, "HmacSHA256");
    }

    String of(String participantId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(participantId.getBytes(StandardCharsets.UTF_8)), 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
