//! Terraform's IP network functions: `cidrsubnet`, `cidrhost`, `cidrnetmask` (IPv4 and IPv6).

use hcl::eval::FuncArgs;
use std::net::IpAddr;

/// `"10.0.0.0/16"` → (address as bits, address width, prefix length).
fn parse_cidr(s: &str) -> Result<(u128, u32, u32), String> {
    let (addr, prefix) = s
        .split_once('/')
        .ok_or_else(|| format!("invalid CIDR address `{s}`"))?;
    let addr: IpAddr = addr
        .parse()
        .map_err(|_| format!("invalid CIDR address `{s}`"))?;
    let (bits, width) = match addr {
        IpAddr::V4(a) => (u128::from(u32::from(a)), 32),
        IpAddr::V6(a) => (u128::from(a), 128),
    };
    let prefix: u32 = prefix
        .parse()
        .ok()
        .filter(|p| *p <= width)
        .ok_or_else(|| format!("invalid prefix length in `{s}`"))?;
    Ok((bits, width, prefix))
}

fn mask(width: u32, prefix: u32) -> u128 {
    let all = if width == 128 {
        u128::MAX
    } else {
        (1u128 << width) - 1
    };
    if prefix == 0 {
        0
    } else {
        all & !((1u128 << (width - prefix)) - 1)
    }
}

fn show(bits: u128, width: u32) -> String {
    if width == 32 {
        std::net::Ipv4Addr::from(bits as u32).to_string()
    } else {
        std::net::Ipv6Addr::from(bits).to_string()
    }
}

fn number(args: &FuncArgs, i: usize) -> Result<i128, String> {
    args[i]
        .as_number()
        .and_then(|n| n.as_i64())
        .map(i128::from)
        .ok_or_else(|| "expected a whole number".to_string())
}

pub(super) fn f_cidrsubnet(args: FuncArgs) -> Result<hcl::Value, String> {
    let (bits, width, prefix) = parse_cidr(args[0].as_str().unwrap_or_default())?;
    let (newbits, netnum) = (number(&args, 1)?, number(&args, 2)?);
    let new_prefix = i128::from(prefix) + newbits;
    if newbits < 0 || new_prefix > i128::from(width) {
        return Err(format!(
            "insufficient address space to extend prefix of {prefix} by {newbits}"
        ));
    }
    let new_prefix = new_prefix as u32;
    if netnum < 0 || (newbits < 127 && netnum >= (1i128 << newbits)) {
        return Err(format!(
            "prefix extension of {newbits} does not accommodate a subnet numbered {netnum}"
        ));
    }
    let base = bits & mask(width, prefix);
    let subnet = base | ((netnum as u128) << (width - new_prefix));
    Ok(hcl::Value::from(format!(
        "{}/{new_prefix}",
        show(subnet, width)
    )))
}

pub(super) fn f_cidrhost(args: FuncArgs) -> Result<hcl::Value, String> {
    let (bits, width, prefix) = parse_cidr(args[0].as_str().unwrap_or_default())?;
    let hostnum = number(&args, 1)?;
    let host_bits = width - prefix;
    let size: i128 = if host_bits >= 127 {
        i128::MAX
    } else {
        1i128 << host_bits
    };
    // Negative numbers count back from the end of the range, as in Terraform.
    let host = if hostnum < 0 { size + hostnum } else { hostnum };
    if host < 0 || host >= size {
        return Err(format!(
            "prefix of {prefix} does not accommodate a host numbered {hostnum}"
        ));
    }
    let base = bits & mask(width, prefix);
    Ok(hcl::Value::from(show(base | host as u128, width)))
}

pub(super) fn f_cidrnetmask(args: FuncArgs) -> Result<hcl::Value, String> {
    let (_, width, prefix) = parse_cidr(args[0].as_str().unwrap_or_default())?;
    if width != 32 {
        return Err("only IPv4 networks have a netmask".into());
    }
    Ok(hcl::Value::from(show(mask(32, prefix), 32)))
}

/// `cidrsubnets(prefix, newbits...)`: consecutive subnets, each aligned to its own size.
pub(super) fn f_cidrsubnets(args: FuncArgs) -> Result<hcl::Value, String> {
    let (bits, width, prefix) = parse_cidr(args[0].as_str().unwrap_or_default())?;
    let base = bits & mask(width, prefix);
    let mut next: u128 = 0; // offset from base, in addresses
    let mut out = Vec::new();
    for i in 1..args.len() {
        let newbits = number(&args, i)?;
        let new_prefix = i128::from(prefix) + newbits;
        if newbits < 1 || new_prefix > i128::from(width) {
            return Err(format!(
                "insufficient address space to extend prefix of {prefix} by {newbits}"
            ));
        }
        let size: u128 = 1u128 << (width - new_prefix as u32);
        // Align up to this subnet's size.
        let start = next.div_ceil(size) * size;
        let span = if prefix == 0 && width == 128 {
            u128::MAX
        } else {
            1u128 << (width - prefix)
        };
        if start + size > span {
            return Err("not enough remaining address space for a subnet".into());
        }
        out.push(hcl::Value::from(format!(
            "{}/{new_prefix}",
            show(base + start, width)
        )));
        next = start + size;
    }
    Ok(hcl::Value::Array(out))
}
