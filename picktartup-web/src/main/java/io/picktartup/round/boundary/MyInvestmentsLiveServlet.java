package io.picktartup.round.boundary;

import io.picktartup.platform.boundary.Labels;
import io.picktartup.platform.boundary.Language;
import io.picktartup.platform.control.Jsons;
import io.picktartup.round.entity.Investment;
import jakarta.ejb.EJB;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * What "my investments" needs to follow its investments without reloading (session login; web.xml protects /my/*):
 * each investment's status and its round's, with their labels in the page's language ({@code lang}), the deposit's
 * transaction, and whether anything is still on its way (the page stops asking when nothing is).
 */
@WebServlet("/my/investments-live")
public class MyInvestmentsLiveServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @EJB
    transient Investments investments;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Locale locale = Language.SUPPORTED.contains(request.getParameter("lang"))
                ? Locale.forLanguageTag(request.getParameter("lang")) : Locale.KOREAN;
        var list = Jsons.PROVIDER.createArrayBuilder();
        boolean onItsWay = false;
        for (var holding : investments.mine(200)) {
            var view = InvestmentView.of(holding);
            onItsWay |= Investment.Status.ON_ITS_WAY.contains(holding.investment().status());
            var item = Jsons.PROVIDER.createObjectBuilder()
                    .add("id", view.id())
                    .add("status", view.status())
                    .add("statusLabel", Labels.of("investment", view.status(), locale))
                    .add("roundStatus", view.roundStatus())
                    .add("roundStatusLabel", Labels.of("round", view.roundStatus(), locale))
                    .add("roundPercentOfGoal", view.roundPercentOfGoal());
            if (view.depositTxHash() != null) {
                item.add("depositTxHash", view.depositTxHash());
            }
            list.add(item);
        }
        var body = Jsons.PROVIDER.createObjectBuilder().add("onItsWay", onItsWay).add("investments", list).build()
                .toString();
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "private, no-store");
        response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }
}
