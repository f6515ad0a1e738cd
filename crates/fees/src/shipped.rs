//! The rate data shipped inside the binary (`assets/rates/`). Every table is historical or
//! synthetic: a shop with a contract loads its own with [`Service::from_definition`].

use crate::error::FeeError;
use crate::service::Service;

/// The services Packdesk ships data for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServiceId {
    Ems,
    Kpacket,
    Express,
}

impl ServiceId {
    pub const ALL: [ServiceId; 3] = [ServiceId::Ems, ServiceId::Kpacket, ServiceId::Express];

    pub fn as_str(self) -> &'static str {
        match self {
            ServiceId::Ems => "ems",
            ServiceId::Kpacket => "kpacket",
            ServiceId::Express => "express",
        }
    }

    pub fn parse(s: &str) -> Result<ServiceId, FeeError> {
        match s
            .trim()
            .to_ascii_lowercase()
            .replace(['-', '_'], "")
            .as_str()
        {
            "ems" => Ok(ServiceId::Ems),
            "kpacket" => Ok(ServiceId::Kpacket),
            "express" => Ok(ServiceId::Express),
            _ => Err(FeeError::UnknownService(s.to_string())),
        }
    }

    fn files(self) -> (&'static str, &'static str, &'static str, &'static str) {
        match self {
            ServiceId::Ems => (
                "ems.json",
                include_str!("../assets/rates/ems.json"),
                "ems-kr-jp-2020.csv",
                include_str!("../assets/rates/ems-kr-jp-2020.csv"),
            ),
            ServiceId::Kpacket => (
                "kpacket.json",
                include_str!("../assets/rates/kpacket.json"),
                "kpacket-synthetic.csv",
                include_str!("../assets/rates/kpacket-synthetic.csv"),
            ),
            ServiceId::Express => (
                "express.json",
                include_str!("../assets/rates/express.json"),
                "demo-express-synthetic.csv",
                include_str!("../assets/rates/demo-express-synthetic.csv"),
            ),
        }
    }
}

/// The shipped service; its data is checked by the tests, so an error here means a bad build.
pub fn shipped(id: ServiceId) -> Result<Service, FeeError> {
    let (def_file, def, table_file, table) = id.files();
    Service::from_definition(def_file, def, table_file, table)
}
