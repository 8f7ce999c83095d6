package org.hl7gw.ftps.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.ftpserver.ftplet.FtpReply;
import org.hl7gw.ftps.internal.ProtectionPolicy.SessionState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProtectionPolicyTest {
    private final ProtectionPolicy policy = new ProtectionPolicy();

    @ParameterizedTest(name = "{0} {1} control={2} data={3} -> {4}")
    @CsvSource({
            "USER, acme, false, false, 530",
            "PASS, secret, false, false, 530",
            "PROT, P, false, false, 503",
            "PBSZ, 0, false, false, 503",
            "AUTH, TLS, false, false, 0",
            "QUIT, '', false, false, 0",
            "USER, acme, true, false, 0",
            "PROT, P, true, false, 0",
            "PROT, p, true, false, 0",
            "PROT, C, true, false, 534",
            "PROT, S, true, true, 534",
            "PROT, E, true, true, 534",
            "PORT, '127,0,0,1,4,1', true, true, 502",
            "EPRT, '|1|127.0.0.1|1025|', true, true, 502",
            "MODE, Z, true, true, 504",
            "MODE, S, true, true, 0",
            "SITE, WHO, true, true, 502",
            "STOR, x.hl7, true, false, 521",
            "STOU, '', true, false, 521",
            "APPE, x.hl7, true, false, 521",
            "RETR, x, true, false, 521",
            "LIST, '', true, false, 521",
            "NLST, '', true, false, 521",
            "MLSD, '', true, false, 521",
            "STOR, x.hl7, true, true, 0",
            "LIST, '', true, true, 0",
            "PASV, '', true, false, 0",
            "CWD, inbox, true, false, 0"})
    void decides(String command, String argument, boolean control, boolean data, int expected) {
        int code = policy.refusal(command, argument, new SessionState(control, data)).map(FtpReply::getCode).orElse(0);
        assertThat(code).isEqualTo(expected);
    }
}
