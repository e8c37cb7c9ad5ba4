package hu.miskolc.fourim.notification;

import jakarta.mail.Multipart;
import jakarta.mail.Part;

/** Reads the parts of received mails. */
final class TestMails {

    private TestMails() {
    }

    /** The first part of this MIME type (e.g. text/html, text/plain), or null. */
    static String part(Part part, String mimeType) throws Exception {
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                String found = part(multipart.getBodyPart(i), mimeType);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        return part.isMimeType(mimeType) ? String.valueOf(part.getContent()) : null;
    }
}
