package io.github.springsocketio.annotation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validation;
import jakarta.validation.ValidationException;
import jakarta.validation.Validator;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;

/**
 * Jakarta Bean Validation of payloads. Loading this class needs the API, so the rest of the package reaches it only
 * through {@link BeanValidationSupport}, which checks that the API is there first.
 */
final class BeanValidation {

	private BeanValidation() {
	}

	/**
	 * The application's validator (Spring Boot's, with spring-boot-starter-validation), else a default one.
	 * @return the validator, or {@code null} when no Bean Validation provider is on the class path
	 */
	static @Nullable PayloadValidator validator(ListableBeanFactory beanFactory) {
		Validator validator = beanFactory.getBeanProvider(Validator.class).getIfUnique();
		if (validator == null) {
			try {
				validator = Validation.buildDefaultValidatorFactory().getValidator();
			}
			catch (ValidationException ex) {
				return null;
			}
		}
		Validator chosen = validator;
		return (value, groups) -> {
			if (value == null) {
				return;
			}
			Class<?>[] classes = new Class<?>[groups.length];
			for (int i = 0; i < groups.length; i++) {
				classes[i] = (Class<?>) groups[i];
			}
			Set<ConstraintViolation<Object>> violations = chosen.validate(value, classes);
			if (!violations.isEmpty()) {
				throw new ConstraintViolationException(violations);
			}
		};
	}

	/**
	 * @param ex a failure
	 * @return the error acknowledgement of a validation failure, or {@code null} when it is none
	 */
	static @Nullable EventError error(Throwable ex) {
		if (!(ex instanceof ConstraintViolationException violation)) {
			return null;
		}
		List<Map<String, String>> details = new ArrayList<>();
		StringBuilder message = new StringBuilder("Invalid argument:");
		violation.getConstraintViolations()
			.stream()
			.sorted((a, b) -> a.getPropertyPath().toString().compareTo(b.getPropertyPath().toString()))
			.forEach((v) -> {
				Map<String, String> detail = new LinkedHashMap<>();
				detail.put("path", v.getPropertyPath().toString());
				detail.put("message", v.getMessage());
				details.add(detail);
				message.append(details.size() == 1 ? " " : "; ").append(v.getPropertyPath()).append(' ').append(v.getMessage());
			});
		return new EventError(EventError.VALIDATION_FAILED, message.toString(), details);
	}

}
