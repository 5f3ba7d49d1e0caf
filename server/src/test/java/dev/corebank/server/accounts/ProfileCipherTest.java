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

    /** A cipher over the keys in the test's data directory, as a new server process would have it. */
    private ProfileCipher cipher() {
        LedgerProperties properties = new Binder(new MapConfigurationPropertySource(java.util.Map.of(
                "corebank.data-directory", data.toString()))).bind("corebank", LedgerProperties.class).get();
        return new ProfileCipher(new CustomerKeys(properties));
    }
}
