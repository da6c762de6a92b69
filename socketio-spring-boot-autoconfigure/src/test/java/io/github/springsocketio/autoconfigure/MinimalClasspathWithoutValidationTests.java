package io.github.springsocketio.autoconfigure;

import java.util.List;

/**
 * The starter without Jakarta Bean Validation (no {@code spring-boot-starter-validation}): handlers work, and their
 * failures are answered and logged.
 */
class MinimalClasspathWithoutValidationTests extends MinimalClasspathTests {

	@Override
	protected List<String> absentClasses() {
		return List.of("jakarta.validation.Validator", "org.hibernate.validator.HibernateValidator");
	}

}
