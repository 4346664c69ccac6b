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

/** A contract number as an operator types it: 7 ASCII digits, optionally its 2 check digits (hyphen allowed). */
@Documented
@Pattern(regexp = "[0-9]{7}(-?[0-9]{2})?")
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface ContractNumberText {

    String message() default "must be a contract number: 7 digits, optionally followed by its 2 check digits";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
