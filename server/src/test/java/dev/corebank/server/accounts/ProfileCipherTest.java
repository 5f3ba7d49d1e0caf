package dev.corebank.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corebank.ledger.Profile;
import dev.corebank.server.ledger.LedgerProperties;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Profiles are sealed under the customer's key, repeatably, and become unreadable for good when the key is gone. */
class ProfileCipherTest {
    private static final UUID ACCOUNT = UUID.fromString("6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b");
    private static final UUID OTHER_ACCOUNT = UUID.fromString("7f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b");

    @TempDir
    Path data;

    @Test
    void opensWhatItSealedAndNeverShowsTheNameInClear() {
        ProfileCipher cipher = cipher();
        Profile sealed = cipher.seal(ACCOUNT, "Aung Aung မင်္ဂလာ", "C-1001");
        assertThat(new String(sealed.bytes(), StandardCharsets.ISO_8859_1)).doesNotContain("Aung", "C-1001");
        assertThat(cipher.open(ACCOUNT, sealed)).isEqualTo(new ProfileCipher.Fields("Aung Aung မင်္ဂလာ", "C-1001",
                false));
    }

    @Test
    void sealsTheSameDataForTheSameAccountToTheSameBytesSoTheEngineCanJudgeARepeat() {
        ProfileCipher cipher = cipher();
        assertThat(cipher.seal(ACCOUNT, "Su Su", "C-1002")).isEqualTo(cipher.seal(ACCOUNT, "Su Su", "C-1002"));
        assertThat(cipher.seal(ACCOUNT, "Su Su", "C-1002")).isNotEqualTo(cipher.seal(ACCOUNT, "Su Su Hlaing",
                "C-1002"));
        assertThat(cipher.seal(ACCOUNT, "Su Su", "C-1002")).isNotEqualTo(cipher.seal(OTHER_ACCOUNT, "Su Su",
                "C-1002"));
    }

    @Test
    void keepsAbsentFieldsAbsentAndAnAccountWithoutDataEmpty() {
        ProfileCipher cipher = cipher();
        assertThat(cipher.seal(ACCOUNT, null, null)).isEqualTo(Profile.EMPTY);
        Profile nameOnly = cipher.seal(ACCOUNT, "cash", null);
        assertThat(cipher.open(ACCOUNT, nameOnly)).isEqualTo(new ProfileCipher.Fields("cash", null, false));
        assertThat(cipher.open(ACCOUNT, Profile.EMPTY)).isEqualTo(ProfileCipher.Fields.NONE);
    }

    @Test
    void refusesAProfileMovedToAnotherAccount() {
        ProfileCipher cipher = cipher();
        Profile sealed = cipher.seal(ACCOUNT, "Kyaw Zin", "C-1003");
        assertThatThrownBy(() -> cipher.open(OTHER_ACCOUNT, sealed)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("moved from another account");
    }

    @Test
    void readsAProfileAsErasedOnceItsCustomersKeyIsDestroyedEvenAfterARestart() {
        Profile sealed = cipher().seal(ACCOUNT, "Kyaw Zin", "C-1003");
        Profile otherCustomer = cipher().seal(OTHER_ACCOUNT, "Su Su", "C-1002");
        assertThat(cipher().eraseCustomer("C-1003")).isTrue();
        assertThat(cipher().eraseCustomer("C-1003")).as("erased already").isFalse();
        ProfileCipher restarted = cipher();
        assertThat(restarted.open(ACCOUNT, sealed)).isEqualTo(ProfileCipher.Fields.ERASED);
        assertThat(restarted.open(OTHER_ACCOUNT, otherCustomer).name()).isEqualTo("Su Su");
        assertThat(ProfileCipher.keyIdOf(sealed)).contains(CustomerKeys.keyIdOfCustomer("C-1003"));
    }

    @Test
    void keepsTheCustomersLanguageWhenGivenAndSealsAProfileWithoutOneAsBefore() {
        ProfileCipher cipher = cipher();
        Profile burmese = cipher.seal(ACCOUNT, "Aung Aung", "C-1001", "my");
        assertThat(cipher.open(ACCOUNT, burmese)).isEqualTo(new ProfileCipher.Fields("Aung Aung", "C-1001", "my",
                false));
        assertThat(cipher.seal(ACCOUNT, "Aung Aung", "C-1001", null)).isEqualTo(cipher.seal(ACCOUNT, "Aung Aung",
                "C-1001"));
        assertThat(burmese).isNotEqualTo(cipher.seal(ACCOUNT, "Aung Aung", "C-1001"));
        assertThat(cipher.open(ACCOUNT, cipher.seal(ACCOUNT, null, null, "en")).language()).isEqualTo("en");
    }

    @Test
    void opensAProfileSealedBeforeLanguagesExisted() throws Exception {
        // The format of the first version, written out here independently of the cipher: plaintext format 1 with a
        // name and a customer id, sealed with AES-256-GCM under the customer key, the nonce an HMAC of the plaintext.
        CustomerKeys keys = keys();
        UUID keyId = CustomerKeys.keyIdOfCustomer("C-0042");
        byte[] key = keys.keyOrCreate(keyId);
        byte[] name = "Daw Khin".getBytes(StandardCharsets.UTF_8);
        byte[] customer = "C-0042".getBytes(StandardCharsets.UTF_8);
        java.nio.ByteBuffer plain = java.nio.ByteBuffer.allocate(1 + 2 + name.length + 2 + customer.length);
        plain.put((byte) 1).putShort((short) name.length).put(name).putShort((short) customer.length).put(customer);
        byte[] nonce = java.util.Arrays.copyOf(hmac(hmac(key, "nonce".getBytes(StandardCharsets.US_ASCII)),
                plain.array()), 12);
        javax.crypto.Cipher aes = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
        aes.init(javax.crypto.Cipher.ENCRYPT_MODE, new javax.crypto.spec.SecretKeySpec(hmac(key,
                "encrypt".getBytes(StandardCharsets.US_ASCII)), "AES"), new javax.crypto.spec.GCMParameterSpec(128,
                nonce));
        aes.updateAAD(java.nio.ByteBuffer.allocate(16).putLong(ACCOUNT.getMostSignificantBits())
                .putLong(ACCOUNT.getLeastSignificantBits()).array());
        byte[] sealed = aes.doFinal(plain.array());
        java.nio.ByteBuffer profile = java.nio.ByteBuffer.allocate(1 + 16 + 12 + sealed.length);
        profile.put((byte) 1).putLong(keyId.getMostSignificantBits()).putLong(keyId.getLeastSignificantBits())
                .put(nonce).put(sealed);
        Profile old = Profile.of(profile.array());

        ProfileCipher cipher = new ProfileCipher(keys);
        assertThat(cipher.open(ACCOUNT, old)).isEqualTo(new ProfileCipher.Fields("Daw Khin", "C-0042", null, false));
        assertThat(cipher.seal(ACCOUNT, "Daw Khin", "C-0042")).isEqualTo(old);
    }

    private static byte[] hmac(byte[] key, byte[] data) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }

    /** A cipher over the keys in the test's data directory, as a new server process would have it. */
    private ProfileCipher cipher() {
        LedgerProperties properties = new Binder(new MapConfigurationPropertySource(java.util.Map.of(
                "corebank.data-directory", data.toString()))).bind("corebank", LedgerProperties.class).get();
        return new ProfileCipher(new CustomerKeys(properties));
    }

    private CustomerKeys keys() {
        LedgerProperties properties = new Binder(new MapConfigurationPropertySource(java.util.Map.of(
                "corebank.data-directory", data.toString()))).bind("corebank", LedgerProperties.class).get();
        return new CustomerKeys(properties);
    }
}
