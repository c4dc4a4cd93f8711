//! The address a request came from. Behind the gateway (or a load balancer
//! in front of it) the peer is a proxy, and the client is the one it names
//! in `X-Forwarded-For`; that header is believed only from peers listed in
//! `trusted_proxies`, because anyone else could write it.

use actix_web::HttpRequest;
use ipnet::IpNet;
use std::net::IpAddr;

#[derive(Debug, Clone, Default)]
pub struct TrustedProxies {
    nets: Vec<IpNet>,
}

impl TrustedProxies {
    /// IP addresses or CIDR networks; the error names the entry at fault.
    pub fn parse(entries: &[String]) -> Result<TrustedProxies, String> {
        let nets = entries
            .iter()
            .map(|e| {
                let e = e.trim();
                e.parse::<IpNet>()
                    .or_else(|_| e.parse::<IpAddr>().map(IpNet::from))
                    .map_err(|_| format!("trusted_proxies: `{e}` is not an IP address or CIDR"))
            })
            .collect::<Result<_, _>>()?;
        Ok(TrustedProxies { nets })
    }

    pub fn is_trusted(&self, ip: IpAddr) -> bool {
        self.nets.iter().any(|n| n.contains(&ip))
    }

    /// The peer, unless it is a trusted proxy: then `X-Forwarded-For` (all
    /// its headers, in order) is read from the right, past trusted hops. A
    /// mangled entry ends the walk. `None` only for a request without a peer
    /// (built in a test).
    pub fn client_of(&self, req: &HttpRequest) -> Option<IpAddr> {
        let peer = req.peer_addr()?.ip();
        if !self.is_trusted(peer) {
            return Some(peer);
        }
        let hops = req
            .headers()
            .get_all("x-forwarded-for")
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .collect::<Vec<_>>();
        let mut client = peer;
        for hop in hops.into_iter().rev() {
            let Ok(ip) = hop.trim().parse::<IpAddr>() else {
                break;
            };
            client = ip;
            if !self.is_trusted(ip) {
                break;
            }
        }
        Some(client)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test::TestRequest;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    fn client(peer: &str, xff: &[&str]) -> Option<IpAddr> {
        let t = TrustedProxies::parse(&["10.0.0.0/8".into(), "127.0.0.1".into()]).unwrap();
        let mut req = TestRequest::default().peer_addr(format!("{peer}:5000").parse().unwrap());
        for h in xff {
            req = req.append_header(("x-forwarded-for", *h));
        }
        t.client_of(&req.to_http_request())
    }

    #[test]
    fn forwarded_for_only_from_trusted_peers() {
        assert_eq!(client("1.2.3.4", &["9.9.9.9"]), Some(ip("1.2.3.4")));
        assert_eq!(client("10.0.0.5", &["9.9.9.9"]), Some(ip("9.9.9.9")));
        assert_eq!(
            client("10.0.0.5", &["6.6.6.6, 9.9.9.9, 10.0.0.7"]),
            Some(ip("9.9.9.9"))
        );
        assert_eq!(
            client("127.0.0.1", &["6.6.6.6, 5.5.5.5, 10.1.2.3"]),
            Some(ip("5.5.5.5"))
        );
        assert_eq!(
            client("127.0.0.1", &["6.6.6.6", "5.5.5.5"]),
            Some(ip("5.5.5.5"))
        );
        assert_eq!(client("8.8.8.8", &["5.5.5.5"]), Some(ip("8.8.8.8")));
        assert_eq!(client("127.0.0.1", &["garbage"]), Some(ip("127.0.0.1")));
        assert_eq!(client("127.0.0.1", &[]), Some(ip("127.0.0.1")));
        assert_eq!(
            TrustedProxies::default().client_of(&TestRequest::default().to_http_request()),
            None
        );
    }

    #[test]
    fn entries_parse_or_are_named() {
        assert!(TrustedProxies::parse(&["::1".into(), "192.168.0.0/16".into()]).is_ok());
        assert!(TrustedProxies::parse(&["gateway".into()])
            .unwrap_err()
            .contains("gateway"));
    }
}
