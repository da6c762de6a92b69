package io.github.springsocketio.annotation;

import java.lang.reflect.Method;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.core.OverridingClassLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * An application without Jakarta Bean Validation: a handler's failure is still answered with the default error, as
 * the annotation classes never load the API they cannot find. They are loaded here afresh by a class loader that
 * cannot see it.
 */
class WithoutBeanValidationTests {

	@Test
	void theClassLoaderOfTheseTestsCannotSeeTheApi() {
		assertThatExceptionOfType(ClassNotFoundException.class)
			.isThrownBy(() -> Class.forName("jakarta.validation.Validator", false, new WithoutBeanValidation()));
	}

	@Test
	void aFailureIsAnsweredWithTheInternalError() throws Exception {
		Method defaultError = load(Dispatcher.class).getDeclaredMethod("defaultError", Throwable.class);
		defaultError.setAccessible(true);

		Object error = defaultError.invoke(null, new IllegalStateException("a bug in the handler"));

		assertThat(error).hasToString(EventError.of(EventError.INTERNAL_ERROR, "Internal error").toString());
	}

	@Test
	void noPayloadIsValidated() throws Exception {
		Method validator = load(BeanValidationSupport.class).getDeclaredMethod("validator",
				ListableBeanFactory.class);
		validator.setAccessible(true);

		assertThat(validator.invoke(null, new DefaultListableBeanFactory())).isNull();
	}

	private static Class<?> load(Class<?> type) throws ClassNotFoundException {
		return Class.forName(type.getName(), true, new WithoutBeanValidation());
	}

	/** Loads this project's classes itself, and no Jakarta Bean Validation class at all. */
	private static final class WithoutBeanValidation extends OverridingClassLoader {

		WithoutBeanValidation() {
			super(WithoutBeanValidationTests.class.getClassLoader());
		}

		@Override
		protected boolean isEligibleForOverriding(String className) {
			return className.startsWith("io.github.springsocketio.");
		}

		@Override
		protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
			if (name.startsWith("jakarta.validation.")) {
				throw new ClassNotFoundException(name);
			}
			return super.loadClass(name, resolve);
		}

	}

}
