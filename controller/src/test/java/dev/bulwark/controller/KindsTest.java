package dev.bulwark.controller;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.bulwark.controller.domain.Kind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The registry of stored kinds is complete and unambiguous. */
class KindsTest {

    @Test
    void everyKindConstantIsRegistered() throws ReflectiveOperationException {
        List<Kind<?>> declared = new ArrayList<>();
        var classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.bulwark.controller");
        for (var c : classes) {
            for (JavaField f : c.getFields()) {
                if (f.getRawType().isEquivalentTo(Kind.class) && f.getModifiers().contains(JavaModifier.STATIC)) {
                    var field = f.reflect();
                    field.setAccessible(true);
                    declared.add((Kind<?>) field.get(null));
                }
            }
        }
        assertThat(declared).as("Kind constants found").hasSizeGreaterThan(15);
        assertThat(Kinds.ALL).containsExactlyInAnyOrderElementsOf(declared);
    }

    @Test
    void noKeyBelongsToTwoKinds() {
        for (Kind<?> a : Kinds.ALL) {
            for (Kind<?> b : Kinds.ALL) {
                if (a != b) {
                    String sample = a.singleton().isPresent() ? a.key() : a.key("sample");
                    assertThat(b.holds(sample)).as("%s holds a key of %s", b.prefix(), a.prefix()).isFalse();
                }
            }
        }
        assertThat(new HashSet<>(Kinds.ALL)).hasSameSizeAs(Kinds.ALL);
    }

    @Test
    void aGroupsDeletionTakesItsProfilesAndSensorBindings() {
        assertThat(Kinds.perGroup()).extracting(Kind::prefix).containsExactlyInAnyOrder(
                "object/config/process_profile/", "object/config/file_monitor/", "object/config/dlp/group/",
                "object/config/waf/group/");
    }
}
