package io.picktartup.platform.entity;

/** The operators switched this part of the platform off for now (e.g. new investments, signups). */
public class SwitchedOffException extends BusinessException {

    public SwitchedOffException(String code, String message) {
        super(code, 409, message);
    }

    @Override
    public String title() {
        return "Closed by the operators";
    }
}
