package jp.kakekin.web;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Pattern;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A year of the operator API, as text: four ASCII digits from 2000 to 2099 (the unique code carries two
 * digits of it). Bound as a String because Java's number parsing would take full-width ２０２６.
 */
@Documented
@Pattern(regexp = "20[0-9]{2}")
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface CalendarYear {

    String message() default "must be a year from 2000 to 2099 in ASCII digits";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
