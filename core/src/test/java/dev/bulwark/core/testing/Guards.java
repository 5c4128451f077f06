package dev.bulwark.core.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;

/** Architecture rules that every module holds, stated once for each module's {@code ArchitectureTest}. */
public final class Guards {

    private Guards() {}

    /** No class builds a JSON or YAML mapper of its own, except the named ones: mappers come from core's Json. */
    public static ArchRule oneJsonSetup(String... exceptSimpleNames) {
        return noClasses().that(except(exceptSimpleNames)).should().callConstructor(ObjectMapper.class)
                .orShould().callConstructor(ObjectMapper.class, JsonFactory.class)
                .orShould().callMethod(JsonMapper.class, "builder")
                .because("mappers come from core's Json, so that naming and strictness are the same everywhere");
    }

    /** No class uses SLF4J, except the named ones: our code logs through {@code System.Logger}. */
    public static ArchRule oneLoggingApi(String... exceptSimpleNames) {
        return noClasses().that(except(exceptSimpleNames)).should().dependOnClassesThat()
                .resideInAPackage("org.slf4j..")
                .because("our code logs through System.Logger; a running controller routes it to logback");
    }

    private static DescribedPredicate<JavaClass> except(String... simpleNames) {
        Set<String> names = Set.of(simpleNames);
        return DescribedPredicate.describe("are not " + names, c -> !names.contains(c.getSimpleName()));
    }
}
