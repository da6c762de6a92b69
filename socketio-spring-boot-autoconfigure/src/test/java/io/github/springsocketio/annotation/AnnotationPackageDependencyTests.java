package io.github.springsocketio.annotation;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The annotation layer sits on the server API and Spring Framework only (with Micrometer's observation API, a
 * dependency of Spring Framework itself): no Spring Boot, no auto-configuration.
 */
class AnnotationPackageDependencyTests {

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.github.springsocketio.annotation");

	@Test
	void dependsOnlyOnTheServerAndBelowPlusSpringFramework() {
		classes().that()
			.resideInAPackage("io.github.springsocketio.annotation..")
			.should()
			.onlyDependOnClassesThat()
			.resideInAnyPackage("io.github.springsocketio.annotation..", "io.github.springsocketio.server..",
					"io.github.springsocketio.protocol..", "io.github.springsocketio.engine..", "java..",
					"org.springframework.core..", "org.springframework.beans..", "org.springframework.context..",
					"org.springframework.aop..", "org.springframework.util..", "org.springframework.validation..",
					"org.springframework.stereotype..", "reactor..", "org.reactivestreams..", "tools.jackson..",
					"com.fasterxml.jackson.annotation..", "jakarta.validation..", "org.jspecify..",
					"org.apache.commons.logging..", "io.micrometer.observation..",
					"io.micrometer.common..")
			.check(CLASSES);
	}

	@Test
	void onlyBeanValidationNamesTheOptionalValidationApiSoThatTheRestLoadsWithoutIt() {
		noClasses().that()
			.resideInAPackage("io.github.springsocketio.annotation..")
			.and()
			.doNotHaveSimpleName("BeanValidation")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("jakarta.validation..")
			.check(CLASSES);
	}

}
