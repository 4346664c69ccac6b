package jp.kakekin.reissue;

import jp.kakekin.store.ContractStore;
import jp.kakekin.store.ReissueRequests;
import org.springframework.stereotype.Service;

/**
 * Files what the public form received. A match queues a request for the next print batch; a miss is
 * recorded without any of what was typed. Both do the same lookup and the same insert, so neither the
 * page nor its timing tells them apart.
 */
@Service
class ReissueDesk {

    private final ContractStore contracts;
    private final ReissueRequests requests;
    private final IssueCalendar calendar;

    ReissueDesk(ContractStore contracts, ReissueRequests requests, IssueCalendar calendar) {
        this.contracts = contracts;
        this.requests = requests;
        this.calendar = calendar;
    }

    void file(HolderClaim claim) {
        boolean matched = contracts.identity(claim.contractNo()).filter(claim::matches).isPresent();
        requests.file(matched ? claim.contractNo() : null, calendar.now());
    }
}
