package dev.corebank.server.accounts;

import dev.corebank.ledger.Profile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Turns an account's personal data (name, customer id) into the opaque profile bytes the engine journals, and back.
 * The data is encrypted with AES-256-GCM under the customer's key from {@link CustomerKeys}, with the account id as
 * associated data, so a profile cannot be moved to another account unnoticed.
 *
 * <p>The nonce is derived from the data itself (an HMAC under a key derived from the customer key), in the manner of
 * a synthetic IV: the same data for the same account always gives the same bytes, which is what lets the engine tell a
 * repeated open from a different one by comparing bytes. It reveals only that two profiles are equal.
 *
 * <pre>
 * profile bytes: format u8 (1) | key id 16 | nonce 12 | AES-GCM ciphertext and 16-byte tag
 * plaintext:     format u8 (1) | name length u16 | name UTF-8 | customer id length u16 | customer id UTF-8
 *            or  format u8 (2) | the same | language length u16 | language UTF-8 (a BCP 47 tag such as my)
 *                (length 0xFFFF stands for absent)
 * </pre>
 *
 * <p>A profile without a language is sealed in plaintext format 1, byte for byte as before the language existed, so
 * old profiles open unchanged and sealing the same data again still gives the same bytes.
 */
@Component
public final class ProfileCipher {
    private static final int FORMAT = 1;
    private static final int PLAINTEXT_WITH_LANGUAGE = 2;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int HEADER_BYTES = 1 + 16 + NONCE_BYTES;
    private static final int ABSENT = 0xFFFF;

    private final CustomerKeys keys;

    ProfileCipher(CustomerKeys keys) {
        this.keys = keys;
    }

    /**
     * What a profile says: the fields, or that its key was destroyed.
     *
     * @param language the customer's language as a BCP 47 tag ({@code en}, {@code my}), or null when not given
     */
    public record Fields(String name, String customerId, String language, boolean erased) {
        static final Fields NONE = new Fields(null, null, null, false);
        static final Fields ERASED = new Fields(null, null, null, true);

        /** Fields without a language, as every profile had before languages existed. */
        public Fields(String name, String customerId, boolean erased) {
            this(name, customerId, null, erased);
        }
    }

    /** The profile for the data; empty when there is no data at all. */
    public Profile seal(UUID accountId, String name, String customerId) {
        return seal(accountId, name, customerId, null);
    }

    /** The profile for the data with the customer's language (null for none); empty when there is no data at all. */
    public Profile seal(UUID accountId, String name, String customerId, String language) {
        if (name == null && customerId == null && language == null) {
            return Profile.EMPTY;
        }
        UUID keyId = customerId != null ? CustomerKeys.keyIdOfCustomer(customerId)
                : CustomerKeys.keyIdOfAccount(accountId);
        byte[] key = keys.keyOrCreate(keyId);
        byte[] plaintext = plaintext(name, customerId, language);
        byte[] nonce = Arrays.copyOf(hmac(derive(key, "nonce"), plaintext), NONCE_BYTES);
        byte[] sealed = crypt(Cipher.ENCRYPT_MODE, derive(key, "encrypt"), nonce, associatedData(accountId),
                plaintext);
        ByteBuffer profile = ByteBuffer.allocate(HEADER_BYTES + sealed.length);
        profile.put((byte) FORMAT).putLong(keyId.getMostSignificantBits()).putLong(keyId.getLeastSignificantBits())
                .put(nonce).put(sealed);
        return Profile.of(profile.array());
    }

    /** The fields of a profile; {@link Fields#erased()} when its key was destroyed. */
    public Fields open(UUID accountId, Profile profile) {
        if (profile.isEmpty()) {
            return Fields.NONE;
        }
        ByteBuffer bytes = ByteBuffer.wrap(profile.bytes());
        int format = bytes.get();
        if (format != FORMAT) {
            throw new IllegalStateException("unknown profile format=" + format + " account=" + accountId);
        }
        UUID keyId = new UUID(bytes.getLong(), bytes.getLong());
        Optional<byte[]> key = keys.key(keyId);
        if (key.isEmpty()) {
            return Fields.ERASED;
        }
        byte[] nonce = new byte[NONCE_BYTES];
        bytes.get(nonce);
        byte[] sealed = new byte[bytes.remaining()];
        bytes.get(sealed);
        return fields(crypt(Cipher.DECRYPT_MODE, derive(key.get(), "encrypt"), nonce, associatedData(accountId),
                sealed));
    }

    /** The key id a profile was sealed under, or empty for an empty profile. */
    public static Optional<UUID> keyIdOf(Profile profile) {
        if (profile.isEmpty()) {
            return Optional.empty();
        }
        ByteBuffer bytes = ByteBuffer.wrap(profile.bytes(), 1, 16);
        return Optional.of(new UUID(bytes.getLong(), bytes.getLong()));
    }

    /** Destroys the key of a customer's personal data; true when it existed. */
    boolean eraseCustomer(String customerId) {
        return keys.destroy(CustomerKeys.keyIdOfCustomer(customerId));
    }

    private static byte[] plaintext(String name, String customerId, String language) {
        byte[] nameBytes = name == null ? null : name.getBytes(StandardCharsets.UTF_8);
        byte[] customerBytes = customerId == null ? null : customerId.getBytes(StandardCharsets.UTF_8);
        byte[] languageBytes = language == null ? null : language.getBytes(StandardCharsets.UTF_8);
        int languageLength = languageBytes == null ? 0 : 2 + languageBytes.length;
        ByteBuffer plain = ByteBuffer.allocate(1 + 2 + length(nameBytes) + 2 + length(customerBytes)
                + languageLength);
        plain.put((byte) (languageBytes == null ? FORMAT : PLAINTEXT_WITH_LANGUAGE));
        putText(plain, nameBytes);
        putText(plain, customerBytes);
        if (languageBytes != null) {
            putText(plain, languageBytes);
        }
        return plain.array();
    }

    private static Fields fields(byte[] plaintext) {
        ByteBuffer plain = ByteBuffer.wrap(plaintext);
        int format = plain.get();
        if (format != FORMAT && format != PLAINTEXT_WITH_LANGUAGE) {
            throw new IllegalStateException("unknown profile plaintext format=" + format);
        }
        String name = text(plain);
        String customerId = text(plain);
        String language = format == PLAINTEXT_WITH_LANGUAGE ? text(plain) : null;
        return new Fields(name, customerId, language, false);
    }

    private static void putText(ByteBuffer buffer, byte[] text) {
        buffer.putShort((short) (text == null ? ABSENT : text.length));
        if (text != null) {
            buffer.put(text);
        }
    }

    private static String text(ByteBuffer buffer) {
        int length = Short.toUnsignedInt(buffer.getShort());
        if (length == ABSENT) {
            return null;
        }
        byte[] text = new byte[length];
        buffer.get(text);
        return new String(text, StandardCharsets.UTF_8);
    }

    private static int length(byte[] text) {
        return text == null ? 0 : text.length;
    }

    private static byte[] associatedData(UUID accountId) {
        return ByteBuffer.allocate(16).putLong(accountId.getMostSignificantBits())
                .putLong(accountId.getLeastSignificantBits()).array();
    }

    private static byte[] derive(byte[] key, String purpose) {
        return hmac(key, purpose.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("every JVM has HmacSHA256", impossible);
        }
    }

    private static byte[] crypt(int mode, byte[] key, byte[] nonce, byte[] associatedData, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(input);
        } catch (javax.crypto.AEADBadTagException tampered) {
            throw new IllegalStateException("profile does not authenticate: damaged, or moved from another account",
                    tampered);
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("every JVM has AES-GCM", impossible);
        }
    }
}
